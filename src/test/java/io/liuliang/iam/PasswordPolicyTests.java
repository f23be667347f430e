package io.liuliang.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

    @Test
    void rejectsShortLongAndUsernamePasswords() {
        assertThat(PasswordPolicy.check("p", "short", "bob")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("at least 10"));
        assertThat(PasswordPolicy.check("p", "x".repeat(129), "bob")).hasSize(1);
        assertThat(PasswordPolicy.check("p", "Administrator", "administrator")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("username"));
        assertThat(PasswordPolicy.check("p", "          ", "bob")).hasSize(1);
        assertThat(PasswordPolicy.check("p", "a-good-long-one", "bob")).isEmpty();
    }

    @Test
    void generatedPasswordsMeetThePolicyAndDiffer() {
        String a = PasswordPolicy.generate();
        assertThat(PasswordPolicy.check("p", a, "admin")).isEmpty();
        assertThat(a).isNotEqualTo(PasswordPolicy.generate());
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(AuditExportJob.csv("plain")).isEqualTo("plain");
        assertThat(AuditExportJob.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExportJob.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditExportJob.csv("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(AuditExportJob.csv(null)).isEmpty();
    }
}
