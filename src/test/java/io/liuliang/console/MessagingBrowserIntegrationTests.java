package io.liuliang.console;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Locator;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;
import io.liuliang.support.LocalSmtp;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messaging in the console (headless Chromium) against an in-process SMTP server (GreenMail): an operator creates an
 * e-mail channel and test-sends on it (the provider's answer shown, the mail arrives), writes a marketing template in
 * the editor (an unknown variable refused inline first), previews it with a real customer, suppresses an address,
 * and finds the template's delivery to the customer in the log, in its drawer and on the customer's page.
 */
class MessagingBrowserIntegrationTests extends BrowserTest {

    private static GreenMail smtp;
    private static int smtpPort;

    @BeforeAll
    static void startSmtp() {
        smtp = LocalSmtp.start();
        smtpPort = smtp.getSmtp().getPort();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) || "TEXTAREA".equals(field.evaluate("e => e.tagName"))
                ? field : field.locator("input, textarea").first();
    }

    /** Picks an option of an antd select by typing into its search. */
    private void choose(Locator select, String typed, String optionText) {
        select.click();
        page.keyboard().type(typed);
        page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                new com.microsoft.playwright.Page.LocatorOptions().setHasText(optionText)).first().click();
    }

    /** A fresh address on a real-looking domain (the customer module refuses example.com and other test domains). */
    private static String address(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@liuliang-buyers.cn";
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (jakarta.mail.Address a : m.getAllRecipients()) {
                if (a.toString().contains(address)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static void waitForMail(String address, int count) throws Exception {
        long until = System.currentTimeMillis() + 20_000;
        while (mailsTo(address).size() < count && System.currentTimeMillis() < until) {
            smtp.waitForIncomingEmail(500, 1);
        }
        assertThat(mailsTo(address)).as("mails to " + address).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void anOperatorSetsUpEmailWritesATemplatePreviewsItAndFindsItsDelivery() throws Exception {
        String operatorName = uniqueName("op.msg");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);
        String customerName = uniqueName("林小雨");
        String customerEmail = address("lin");
        ApiClient.Response identified = api.post("/api/v1/customers:identify", Map.of(
                "identities", List.of(Map.of("type", "email", "value", customerEmail)),
                "traits", Map.of("displayName", customerName)));
        assertThat(identified.status()).as(identified.body()).isIn(200, 201);
        String customerId = identified.json().path("customerId").asString();
        String channelName = uniqueName("浏览器邮件");
        String templateName = uniqueName("双十一邮件");
        String testAddress = address("test");
        String suppressed = address("blocked");

        scenario("messaging", () -> {
            try {
                page.navigate(url("/login"));
                login(operatorName, PASSWORD);
                page.getByTestId("nav-messaging").click();
                assertThat(page.getByTestId("msg-nav")).isVisible();

                // an e-mail channel on the local SMTP server; a bad host is refused inline first
                page.getByTestId("channel-new").click();
                input(page.getByTestId("channel-form-name")).fill(channelName);
                Locator host = input(page.getByTestId("channel-form-host"));
                host.fill("smtp host");
                input(page.getByTestId("channel-form-port")).fill(String.valueOf(smtpPort));
                input(page.getByTestId("channel-form-from")).fill("shop@example.com");
                page.getByTestId("channel-form-submit").click();
                Locator errors = page.locator(".ant-drawer-body .ant-form-item-explain-error");
                assertThat(errors).containsText("Must be a host name or address");
                host.fill("127.0.0.1");
                page.getByTestId("channel-form-security").click();
                page.locator(".ant-select-dropdown:visible .ant-select-item-option[title='None']").click();
                assertThat(errors).hasCount(0);
                page.getByTestId("channel-form-submit").click();
                Locator row = page.getByTestId("channels-table").locator("tr", new Locator.LocatorOptions().setHasText(channelName));
                assertThat(row.getByTestId("msg-channel-type")).hasText("E-mail (SMTP)");
                assertThat(row.getByTestId("msg-channel-status")).hasText("Enabled");

                // a test send: the provider's answer, and the mail at the SMTP server
                row.getByTestId("channel-test").click();
                page.getByTestId("channel-test-address").fill("not-an-address");
                page.getByTestId("channel-test-send").click();
                assertThat(page.locator(".ant-modal .ant-form-item-explain-error")).containsText("Must be an e-mail address");
                page.getByTestId("channel-test-address").fill(testAddress);
                page.getByTestId("channel-test-send").click();
                assertThat(page.getByTestId("channel-test-result")).hasAttribute("data-ok", "true");
                assertThat(page.getByTestId("channel-test-result")).containsText("The provider accepted the message");
                waitForMail(testAddress, 1);
                page.locator(".ant-modal-close").click();

                // a marketing template: an unknown variable is refused inline, then the preview with the customer
                page.getByTestId("msg-tab-templates").click();
                page.getByTestId("template-new").click();
                choose(page.getByTestId("template-form-channel"), channelName, channelName);
                page.getByTestId("template-form-name").fill(templateName);
                Locator subject = page.getByTestId("template-form-subject");
                subject.fill("{{customer.nickname}}，双十一快乐");
                Locator drawerErrors = page.locator(".ant-drawer-body .ant-form-item-explain-error");
                assertThat(drawerErrors).containsText("Unknown variable {{customer.nickname}}");
                subject.fill("{{customer.name}}，双十一快乐");
                page.getByTestId("template-form-body").fill("<p>亲爱的 {{customer.name}}：</p>\n<p>您的券码 {{coupon.code}}</p>");
                assertThat(drawerErrors).hasCount(0);
                choose(page.getByTestId("template-preview-customer"), customerName, customerName);
                page.getByTestId("template-preview-coupon").fill("QUAN-1111");
                page.getByTestId("template-preview-run").click();
                // an operator without customer.pii.read sees the name and the address masked
                assertThat(page.getByTestId("template-preview-subject")).hasText(java.util.regex.Pattern.compile("^林\\*+，双十一快乐$"));
                assertThat(page.getByTestId("template-preview-body")).containsText("亲爱的 林*");
                assertThat(page.getByTestId("template-preview-body")).containsText("QUAN-1111");
                assertThat(page.getByTestId("template-preview-address")).containsText("@liuliang-buyers.cn");
                assertThat(page.getByTestId("template-preview-address")).not().containsText(customerEmail);
                // a syntax error is shown with its line
                page.getByTestId("template-form-body").fill("<p>a</p>\n<p>{{#customer}}</p>");
                assertThat(drawerErrors).containsText("Line 2");
                page.getByTestId("template-form-body").fill("<p>亲爱的 {{customer.name}}：</p>\n<p>您的券码 {{coupon.code}}</p>");
                page.getByTestId("template-form-submit").click();
                assertThat(page.getByText("Template " + templateName + " saved")).isVisible();
                page.locator(".ant-drawer-close").click();
                Locator templateRow = page.getByTestId("templates-table").locator("tr", new Locator.LocatorOptions().setHasText(templateName));
                assertThat(templateRow.getByTestId("msg-purpose")).hasText("Marketing");
                assertThat(templateRow.getByTestId("template-status")).hasText("Active");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // the template sent to the customer (journeys and the API send; the console has no send button)
        ApiClient.Response list = api.get("/api/v1/messaging/templates?q=" + java.net.URLEncoder.encode(templateName, java.nio.charset.StandardCharsets.UTF_8));
        String templateId = list.json().path("items").get(0).path("id").asString();
        ApiClient.Response sent = api.post("/api/v1/messaging/sends", Map.of("customerId", customerId, "templateId", templateId,
                "couponCode", "QUAN-2222"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("outcome").asString()).as(sent.body()).isEqualTo("queued");
        waitForMail(customerEmail, 1);
        String deliveryId = sent.json().path("deliveryId").asString();
        long until = System.currentTimeMillis() + 20_000;
        while (!"sent".equals(api.get("/api/v1/messaging/deliveries/" + deliveryId).json().path("status").asString())
                && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
        assertThat(api.get("/api/v1/messaging/deliveries/" + deliveryId).json().path("status").asString()).isEqualTo("sent");

        scenario("messaging-log", () -> {
            // an address suppressed by hand, found again by its exact address
            page.getByTestId("msg-tab-consents").click();
            page.getByTestId("suppression-add").click();
            page.getByTestId("suppression-add-address").fill("nope");
            page.getByTestId("suppression-add-submit").click();
            assertThat(page.locator(".ant-modal .ant-form-item-explain-error")).containsText("Must be an e-mail address");
            page.getByTestId("suppression-add-address").fill(suppressed);
            page.getByTestId("suppression-add-submit").click();
            assertThat(page.getByText("Address suppressed")).isVisible();
            Locator search = input(page.getByTestId("suppressions-search"));
            search.fill(suppressed);
            search.press("Enter");
            Locator suppressedRow = page.getByTestId("suppressions-table").locator("tbody tr.ant-table-row");
            assertThat(suppressedRow).hasCount(1);
            assertThat(suppressedRow).containsText("Manual");
            assertThat(suppressedRow.getByTestId("suppression-address")).not().hasText(suppressed);

            // the customer's consent: marketing e-mail allowed by default, then opted out from the console
            choose(page.getByTestId("consent-customer"), customerName, customerName);
            Locator emailMarketing = page.getByTestId("consents-table").locator("tbody tr.ant-table-row")
                    .filter(new Locator.FilterOptions().setHasText("E-mail")).filter(new Locator.FilterOptions().setHasText("Marketing"));
            assertThat(emailMarketing.getByTestId("consent-status")).hasAttribute("data-status", "allowed_by_default");
            emailMarketing.getByTestId("consent-change").click();
            page.getByTestId("consent-change-submit").click();
            assertThat(emailMarketing.getByTestId("consent-status")).hasAttribute("data-status", "opted_out");
            assertThat(page.getByTestId("consents-history")).containsText("console");

            // the delivery in the log: sent, with its content and provider id in the drawer
            page.getByTestId("msg-tab-deliveries").click();
            Locator q = input(page.getByTestId("deliveries-search"));
            q.fill("QUAN-2222");
            q.press("Enter");
            assertThat(page.getByTestId("deliveries-chart")).isVisible();
            Locator delivery = page.getByTestId("deliveries-table").locator("tbody tr.ant-table-row");
            assertThat(delivery).hasCount(1);
            assertThat(delivery.getByTestId("delivery-status")).hasAttribute("data-status", "sent");
            assertThat(delivery).containsText("，双十一快乐");
            delivery.getByTestId("delivery-open").click();
            Locator drawer = page.getByTestId("delivery-drawer");
            assertThat(drawer.getByTestId("delivery-subject")).containsText("，双十一快乐");
            assertThat(drawer.getByTestId("delivery-body")).containsText("QUAN-2222");
            assertThat(drawer.getByTestId("delivery-provider-id")).not().isEmpty();
            assertThat(drawer.getByTestId("delivery-attempts")).hasText("1");
            page.locator(".ant-drawer-close").click();

            // and on the customer's page
            page.navigate(url("/customers/" + customerId));
            Locator card = page.getByTestId("customer-messages");
            assertThat(card).containsText("，双十一快乐");
            assertThat(card.getByTestId("delivery-status")).hasAttribute("data-status", "sent");
        });
    }
}
