package io.liuliang.customer;

import java.util.EnumMap;
import java.util.Map;

/** The strategy each trait follows when records of one person are folded together; a field not declared keeps its default. */
record TraitMergeRules(Map<TraitField, TraitMergeStrategy> declared) {

    TraitMergeRules {
        EnumMap<TraitField, TraitMergeStrategy> copy = new EnumMap<>(TraitField.class);
        copy.putAll(declared);
        declared = java.util.Collections.unmodifiableMap(copy);
    }

    static TraitMergeRules defaults() {
        return new TraitMergeRules(Map.of());
    }

    TraitMergeStrategy strategy(TraitField field) {
        return declared.getOrDefault(field, field.defaultStrategy());
    }
}
