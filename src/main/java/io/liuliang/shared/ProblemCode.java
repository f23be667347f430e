package io.liuliang.shared;

import java.util.List;
import java.util.TreeSet;

/**
 * A kind of problem a module's validation reports, by stable code ({@code journey.minutesRequired},
 * {@code segment.unknownField}) with the names of the values its wording takes. A module lists its problems in an
 * enum implementing this; the console words each code in the user's language, and the English message stays for API
 * users.
 */
public interface ProblemCode {

    /** The stable code, such as {@code segment.unknownField}. */
    String code();

    /** The names of the values its wording takes. */
    List<String> params();

    /** This problem at a field, with its English message and its values (name, value, ...: exactly its params). */
    default FieldError at(String field, String message, Object... namesAndValues) {
        ProblemParams values = ProblemParams.of(namesAndValues);
        if (!values.values().keySet().equals(new TreeSet<>(params()))) {
            throw new IllegalArgumentException(code() + " takes " + params() + ", not " + values.values().keySet());
        }
        return FieldError.coded(field, message, code(), values);
    }
}
