package io.liuliang.console;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import in the console (headless Chromium): an operator uploads the Taobao order report of a shop (GBK, one line
 * with a bad date), sees the detected profile and a preview whose personal data is masked, starts the import,
 * follows it to its report, and downloads the rejected line, masked too.
 */
class ImportBrowserIntegrationTests extends BrowserTest {

    private static final String HEADER = "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,总金额,买家实际支付金额,订单状态,"
            + "买家留言,收货人姓名,收货地址,联系电话,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,宝贝总数量,店铺名称,退款金额";

    private static String line(String order, String buyer, String name, String mobile, String created, String shop) {
        return String.join(",", "=\"" + order + "\"", buyer, "", "268.00", "0.00", "268.00", "268.00", "交易成功", "", name,
                "浙江省 杭州市 西湖区 文三路 90 号", "", "'" + mobile, created, created, "有机奶粉 900g", "1", "1", shop, "0.00");
    }

    @Test
    void anOperatorImportsAPlatformExportAndReadsTheReport() throws Exception {
        String operatorName = uniqueName("op.import");
        createUser(operatorName, List.of("OPERATOR"), false);
        String shopName = uniqueName("浏览器淘宝店");
        ApiClient api = anonymous();
        api.login(operatorName, PASSWORD);
        ApiClient.Response shop = api.post("/api/v1/shops", Map.of("platform", "taobao", "name", shopName,
                "timezone", "Asia/Shanghai", "currency", "CNY"));
        assertThat(shop.status()).as(shop.body()).isEqualTo(201);
        byte[] report = (HEADER + "\n"
                + line("3930679858170001", "浏览器买家甲", "马慧", "18618486065", "2026/5/23 22:02", shopName) + "\n"
                + line("3930679858170002", "浏览器买家乙", "李娜", "13957112345", "昨天晚上", shopName) + "\n")
                .getBytes(Charset.forName("GBK"));

        scenario("import", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-imports").click();

            // choose the shop and the file; the profile is left to detection
            // the list of shops is long (and virtual) where many exist: narrow it by typing, as a person would
            page.getByTestId("imports-shop").click();
            page.keyboard().type(shopName);
            page.locator(".ant-select-dropdown .ant-select-item-option",
                    new Page.LocatorOptions().setHasText(shopName)).click();
            page.getByTestId("imports-upload").locator("input[type=file]")
                    .setInputFiles(new FilePayload("ExportOrderList.csv", "text/csv", report));
            assertThat(page.getByTestId("imports-file")).containsText("ExportOrderList.csv");
            page.getByTestId("imports-upload-submit").click();

            // the review: Taobao detected, the preview masks the receiver's name and mobile
            assertThat(page).hasURL(Pattern.compile(".*/imports/[0-9a-f-]+$"));
            assertThat(page.getByTestId("imports-candidates")).containsText("Taobao");
            assertThat(page.getByTestId("imports-preview")).containsText("186****6065");
            assertThat(page.getByTestId("imports-preview")).not().containsText("18618486065");
            assertThat(page.getByTestId("imports-preview")).not().containsText("马慧");
            page.getByTestId("imports-start").click();

            // the report: one line stored, one refused, the refused line downloadable
            assertThat(page.getByTestId("imports-report")).isVisible();
            assertThat(page.getByTestId("imports-stat-linesAccepted")).containsText("1");
            assertThat(page.getByTestId("imports-stat-linesRejected")).containsText("1");
            assertThat(page.getByTestId("imports-stat-ordersCreated")).containsText("1");
            Download download = page.waitForDownload(() -> page.getByTestId("imports-rejects").click());
            String rejects;
            try {
                rejects = Files.readString(download.path(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(rejects).contains("3,").contains("139****2345").doesNotContain("13957112345", "李娜");
        });
    }
}
