package io.liuliang.shared;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The values a coded {@link FieldError} is worded with ({@code {"max": "1000"}}), as texts, by name. Serialised as a
 * plain JSON object of strings.
 */
public record ProblemParams(SortedMap<String, String> values) {

    public ProblemParams {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static ProblemParams none() {
        return new ProblemParams(new TreeMap<>());
    }

    /** The values given as name, value, name, value...; a value is written with {@code String.valueOf}. */
    public static ProblemParams of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        TreeMap<String, String> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("a parameter name is a text: " + namesAndValues[i]);
            }
            if (values.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1])) != null) {
                throw new IllegalArgumentException("parameter " + namesAndValues[i] + " given twice");
            }
        }
        return new ProblemParams(values);
    }

    @JsonValue
    public SortedMap<String, String> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String get(String name) {
        return values.get(name);
    }
}
