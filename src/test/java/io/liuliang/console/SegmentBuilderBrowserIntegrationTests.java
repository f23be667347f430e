package io.liuliang.console;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segment builder (headless Chromium): an operator builds a segment with one rule, sees the live count and the
 * matching customer in the samples, saves it and sees the segment filled.
 */
class SegmentBuilderBrowserIntegrationTests extends BrowserTest {

    @Test
    void anOperatorBuildsASegmentAndSeesTheLiveCount() throws Exception {
        String operatorName = uniqueName("op.seg");
        createUser(operatorName, List.of("OPERATOR"), false);
        String customerName = uniqueName("分群浏览器客户");
        ApiClient api = signedIn("OPERATOR");
        ApiClient.Response created = api.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "member_number", "value", customerName)), "traits", Map.of("displayName", customerName)));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        String segmentName = uniqueName("浏览器分群");
        scenario("segment-builder", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-segments").click();
            page.getByTestId("segments-new").click();
            page.getByTestId("segment-name").fill(segmentName);
            page.getByTestId("builder-add-field").click();
            // the first field of the catalog is the customer's name, compared with "="
            page.getByTestId("rule-value").fill(customerName);
            assertThat(page.getByTestId("preview-count")).hasText("1");
            assertThat(page.getByTestId("preview-sample")).containsText(customerName);
            page.getByTestId("segment-save").click();
            assertThat(page.getByTestId("page-title")).containsText(segmentName);
            assertThat(page.getByTestId("segment-member-count")).hasText("1");
            assertThat(page.getByTestId("segment-members")).containsText(customerName);
        });
    }
}
