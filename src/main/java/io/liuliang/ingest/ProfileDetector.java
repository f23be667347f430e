package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recognises which platform exported a file from its header. Each profile is scored by the fraction of its
 * detection fields (required plus known columns) that the header has; complete candidates (all required fields
 * present) rank before incomplete ones, then by score, then by the number of fields matched.
 */
final class ProfileDetector {

    private ProfileDetector() {
    }

    /** Every profile that matches at least one column, best first. */
    static List<ProfileCandidate> detect(List<String> header) {
        List<ProfileCandidate> candidates = new ArrayList<>();
        for (ImportProfile profile : ImportProfile.values()) {
            ColumnMapping mapping = ColumnMapping.auto(profile, header);
            int matched = 0;
            for (ImportField field : profile.detectionFields()) {
                if (mapping.has(field)) {
                    matched++;
                }
            }
            if (matched > 0) {
                double score = (double) matched / profile.detectionFields().size();
                candidates.add(new ProfileCandidate(profile, score, mapping, mapping.missingRequired()));
            }
        }
        candidates.sort(Comparator.comparing(ProfileCandidate::complete).reversed()
                .thenComparing(Comparator.comparingDouble(ProfileCandidate::score).reversed())
                .thenComparing(c -> -c.mapping().columns().size())
                .thenComparing(ProfileCandidate::profile));
        return candidates;
    }
}
