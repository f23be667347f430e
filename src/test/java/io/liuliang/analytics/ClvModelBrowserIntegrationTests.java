package io.liuliang.analytics;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The CLV model page (headless Chromium): an analyst opens the page of a shop without a model, fits one from the
 * form, watches the job finish and sees the parameters, the calibration/holdout chart, the churn bands and the
 * history; a future calibration end is refused inline; the customer page shows the customer's predictions.
 */
class ClvModelBrowserIntegrationTests extends BrowserTest {

    private static final LocatorAssertions.IsVisibleOptions FIT_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(180_000);
    /** A page (and its lazy chunk) can take a while on a busy build machine. */
    private static final LocatorAssertions.IsVisibleOptions PAGE_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @Test
    void anAnalystFitsAModelAndSeesItsParametersChartAndPredictions() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "douyin", "name", uniqueName("抖店CLV")))
                .json().path("id").asString();
        List<Map<String, Object>> orders = ClvTestData.randomHistories(shop, 80, 11);
        ClvTestData.send(operator, orders);
        String analyst = uniqueName("analyst.clv");
        createUser(analyst, List.of("ANALYST"), false);

        scenario("clv-model", () -> {
            page.navigate(url("/login"));
            login(analyst, PASSWORD);
            assertThat(page.getByTestId("nav-models-clv")).isVisible(PAGE_TIMEOUT);
            page.navigate(url("/models/clv?shopId=" + shop));
            assertThat(page.getByTestId("clv-no-model")).isVisible(PAGE_TIMEOUT);

            page.getByTestId("clv-fit-submit").click();
            assertThat(page.getByTestId("clv-fit-job")).isVisible(PAGE_TIMEOUT);
            assertThat(page.getByTestId("clv-fit-done")).isVisible(FIT_TIMEOUT);
            assertThat(page.getByTestId("clv-param-r")).isVisible(PAGE_TIMEOUT);
            assertThat(page.getByTestId("clv-param-r")).hasText(Pattern.compile("^[0-9.e+-]+$"));
            assertThat(page.getByTestId("clv-param-ll")).hasText(Pattern.compile("^-[0-9]+\\.[0-9]{2}$"));
            assertThat(page.getByTestId("clv-calibration-chart").locator("canvas")).isVisible();
            assertThat(page.getByTestId("clv-distribution-chart").locator("canvas")).isVisible();
            assertThat(page.getByTestId("clv-band-low")).isVisible();
            assertThat(page.getByTestId("clv-history").locator("tbody tr.ant-table-row")).hasCount(1);

            // a calibration end in the future is refused before anything is sent
            Locator calibration = page.getByTestId("clv-fit-calibration").locator("input");
            if (calibration.count() == 0) {
                calibration = page.locator("[data-testid=clv-fit-calibration]");
            }
            calibration.click();
            calibration.fill("2099-01-01");
            calibration.press("Enter");
            page.getByTestId("clv-fit-submit").click();
            assertThat(page.getByText("The calibration cannot end in the future")).isVisible();
            assertThat(page.getByTestId("clv-history").locator("tbody tr.ant-table-row")).hasCount(1);

            // the customer page shows the customer's predictions
            UUID customer = jdbc.sql("SELECT customer_id FROM customer_identity WHERE type = 'platform_buyer_id' "
                            + "AND value_plain = ? AND scope_id = ?::uuid")
                    .params(ClvTestData.buyerOf(orders.get(0)), shop).query(UUID.class).single();
            page.navigate(url("/customers/" + customer));
            assertThat(page.getByTestId("customer-predictions")).isVisible(PAGE_TIMEOUT);
            assertThat(page.getByTestId("prediction-risk")).isVisible(PAGE_TIMEOUT);
            assertThat(page.getByTestId("prediction-risk")).hasText(Pattern.compile("Low risk|Medium risk|High risk"));
            assertThat(page.getByTestId("prediction-clv")).isVisible();
        });
    }
}
