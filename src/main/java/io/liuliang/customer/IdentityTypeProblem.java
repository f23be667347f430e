package io.liuliang.customer;

import java.util.List;

import io.liuliang.shared.ProblemCode;

/**
 * Every problem of a new identity type, by stable code ({@code identity_type.codeFormat}) with the names of the values
 * its wording takes: those {@link IdentityTypeRegistry#create} finds in the request (400) and a code another type holds
 * (409). The API gives the code and values next to the English message; the console words the problem from them in
 * the user's language ({@code identity_type.v.<name>} in web/src/i18n/oneid.*.ts).
 */
enum IdentityTypeProblem implements ProblemCode {

    /** A code, name, priority or shop scope not given. */
    REQUIRED("required"),
    CODE_FORMAT("codeFormat", "min", "max"),
    NAME_TOO_LONG("nameTooLong", "max"),
    PRIORITY_RANGE("priorityRange", "min", "max"),
    LIMIT_RANGE("limitRange", "min", "max"),
    CODE_TAKEN("codeTaken", "code");

    static final String PREFIX = "identity_type.";

    private final String name;
    private final List<String> params;

    IdentityTypeProblem(String name, String... params) {
        this.name = name;
        this.params = List.of(params);
    }

    @Override
    public String code() {
        return PREFIX + name;
    }

    @Override
    public List<String> params() {
        return params;
    }
}
