package io.liuliang.ingest;

import java.util.Set;

/**
 * A profile that might fit a header, as {@link ProfileDetector} ranks it.
 *
 * @param score           the fraction of the profile's detection fields (required plus known columns) present,
 *                        from 0 to 1
 * @param mapping         the automatic mapping for this header
 * @param missingRequired required fields the header lacks; empty if the profile can be used as is
 */
record ProfileCandidate(ImportProfile profile, double score, ColumnMapping mapping, Set<ImportField> missingRequired) {

    ProfileCandidate {
        missingRequired = Set.copyOf(missingRequired);
    }

    /** Whether every required field has a column. */
    boolean complete() {
        return missingRequired.isEmpty();
    }
}
