package io.liuliang.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The column mapping of an import: the profile's automatic one with the merchant's adjustments on top. */
final class ImportMappings {

    private ImportMappings() {
    }

    /** The mapping to use, or a validation problem naming each wrong field or column. */
    static ColumnMapping resolve(ImportProfile profile, List<String> header, String overridesJson, JsonMapper json) {
        Map<String, String> overrides = overridesJson == null || overridesJson.isBlank() || "null".equals(overridesJson)
                ? Map.of() : json.readValue(overridesJson, new TypeReference<LinkedHashMap<String, String>>() { });
        MappingResult result = ColumnMapping.withOverrides(profile, header, overrides);
        if (result instanceof MappingResult.Valid valid) {
            MappingResult checked = valid.mapping().validate();
            if (checked instanceof MappingResult.Valid ok) {
                return ok.mapping();
            }
            result = checked;
        }
        MappingResult.Invalid invalid = (MappingResult.Invalid) result;
        throw ApiProblemException.invalid(invalid.errors().stream()
                .map(e -> new FieldError("mapping." + (e.field() == null ? e.column() : e.field()), e.message()))
                .collect(Collectors.toList()));
    }
}
