package io.liuliang.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;

import io.liuliang.support.BrowserTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the console in headless Chromium (Debian's /usr/bin/chromium) against the one started application:
 * the admin's first login with the forced password change, creating a user with a role, signing in as that user
 * and seeing only what the role allows, switching the language, and finding the audit entries.
 */
class ConsoleBrowserIntegrationTests extends BrowserTest {

    private static final String ADMIN_PASSWORD = "Browser-Admin-Pass-1";
    private static final String OPERATOR = "op.browser";
    private static final String OPERATOR_INITIAL = "Initial-Oper-Pass-1";
    private static final String OPERATOR_PASSWORD = "Chosen-Oper-Pass-2";

    @Value("${liuliang.data-dir}")
    private Path dataDir;

    private void changePassword(String current, String chosen) {
        assertThat(page).hasURL(Pattern.compile(".*/change-password.*"));
        page.getByTestId("cp-current").fill(current);
        page.getByTestId("cp-new").fill(chosen);
        page.getByTestId("cp-confirm").fill(chosen);
        page.getByTestId("cp-submit").click();
    }

    private void logout() {
        page.getByTestId("user-menu").click();
        page.getByTestId("logout").click();
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
    }

    @Test
    void firstLoginUsersRolesLanguageAndAudit() throws Exception {
        String initial = Files.readString(dataDir.resolve("initial-admin-password")).strip();
        scenario("first-login-users-roles-language-audit", () -> {
            // a deep link before signing in leads to the login page, and back after it
            page.navigate(url("/users"));
            assertThat(page).hasURL(Pattern.compile(".*/login.*"));

            // a wrong password is refused with a message
            login("admin", "not-the-password");
            assertThat(page.getByTestId("login-error")).isVisible();

            // first login: the initial password must be changed before anything else
            login("admin", initial);
            changePassword(initial, ADMIN_PASSWORD);
            assertThat(page.getByTestId("nav-users")).isVisible();
            page.getByTestId("nav-users").click();
            assertThat(page).hasURL(Pattern.compile(".*/users$"));
            assertThat(page.getByTestId("page-title")).hasText("Users");

            // create an operator
            page.getByTestId("users-new").click();
            page.getByTestId("user-username").fill(OPERATOR);
            page.getByTestId("user-displayName").fill("王小明");
            page.getByTestId("user-email").fill("xiaoming@example.com");
            page.getByTestId("user-roles").click();
            page.locator(".ant-select-item-option[title='Operator']").click();
            page.keyboard().press("Escape");
            page.getByTestId("user-password").fill(OPERATOR_INITIAL);
            page.getByTestId("user-submit").click();
            Locator search = page.getByTestId("users-search");
            if (!"INPUT".equals(search.evaluate("e => e.tagName"))) {
                search = search.locator("input").first();
            }
            search.fill(OPERATOR);
            search.press("Enter");
            Locator row = page.getByTestId("users-table").locator("tr", new Locator.LocatorOptions().setHasText(OPERATOR));
            assertThat(row).isVisible();
            assertThat(row).containsText("王小明");

            // deep links survive a reload
            page.reload();
            assertThat(page.getByTestId("page-title")).hasText("Users");
            logout();

            // the operator signs in, chooses a password, and sees only what the role allows
            login(OPERATOR, OPERATOR_INITIAL);
            changePassword(OPERATOR_INITIAL, OPERATOR_PASSWORD);
            assertThat(page.getByTestId("nav-jobs")).isVisible();
            assertThat(page.getByTestId("nav-tokens")).isVisible();
            assertThat(page.getByTestId("nav-users")).hasCount(0);
            assertThat(page.getByTestId("nav-audit")).hasCount(0);
            page.navigate(url("/audit"));
            assertThat(page.getByTestId("result-403")).isVisible();

            // switch to Chinese; the choice is remembered across a reload
            page.navigate(url("/jobs"));
            page.getByTestId("lang-switch").getByText("中文").click();
            assertThat(page.getByTestId("nav-jobs")).containsText("任务");
            page.reload();
            assertThat(page.getByTestId("nav-jobs")).containsText("任务");
            page.getByTestId("lang-switch").getByText("English").click();
            assertThat(page.getByTestId("nav-jobs")).containsText("Jobs");
            logout();

            // the administrator finds the user's creation and the operator's login in the audit log
            login("admin", ADMIN_PASSWORD);
            page.getByTestId("nav-audit").click();
            Locator audit = page.getByTestId("audit-table");
            assertThat(audit).containsText(OPERATOR);
            assertThat(audit.locator("tr", new Locator.LocatorOptions().setHasText(OPERATOR)).first()).isVisible();
            assertThat(page.getByTestId("page-title")).hasText("Audit log");
        });
        Integer created = jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'USER_CREATED' AND target_label = ?")
                .param(OPERATOR).query(Integer.class).single();
        assertThat(created).isEqualTo(1);
        assertThat(Files.exists(dataDir.resolve("initial-admin-password")))
                .as("the initial password file is removed once the password is changed").isFalse();
    }
}
