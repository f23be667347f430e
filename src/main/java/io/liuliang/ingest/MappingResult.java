package io.liuliang.ingest;

import java.util.List;

/** A validated {@link ColumnMapping}, or the reasons it cannot be used. */
sealed interface MappingResult permits MappingResult.Valid, MappingResult.Invalid {

    /** A mapping with every required field present. */
    record Valid(ColumnMapping mapping) implements MappingResult {
    }

    /** What must be fixed, at least one error. */
    record Invalid(List<MappingError> errors) implements MappingResult {

        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid mapping needs at least one error");
            }
        }
    }
}
