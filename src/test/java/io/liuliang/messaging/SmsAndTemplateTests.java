package io.liuliang.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS segment counting, the SMS sign and opt-out, and template checks. */
class SmsAndTemplateTests {

    @Test
    void chineseTextIsUcs2With70CharactersThen67PerPart() {
        assertThat(SmsLength.of("好".repeat(70))).isEqualTo(new SmsLength.Count(70, "ucs2", 1));
        assertThat(SmsLength.of("好".repeat(71))).isEqualTo(new SmsLength.Count(71, "ucs2", 2));
        assertThat(SmsLength.of("好".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("好".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void gsmTextTakes160Then153PerPartAndExtensionCharactersCountTwice() {
        assertThat(SmsLength.of("a".repeat(160))).isEqualTo(new SmsLength.Count(160, "gsm", 1));
        assertThat(SmsLength.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(SmsLength.of("{}").characters()).isEqualTo(4);
        assertThat(SmsLength.of("a€").encoding()).isEqualTo("gsm");
    }

    @Test
    void marketingSmsGetsTheSignAndTheOptOutOnce() {
        assertThat(MessageComposer.smsText("留量", "新品上架", Purpose.MARKETING)).isEqualTo("【留量】新品上架 回T退订");
        assertThat(MessageComposer.smsText("留量", "【留量】新品上架 回T退订", Purpose.MARKETING)).isEqualTo("【留量】新品上架 回T退订");
        assertThat(MessageComposer.smsText("留量", "您的订单已发货", Purpose.SERVICE)).isEqualTo("【留量】您的订单已发货");
        String text = MessageComposer.smsText("留量", "好".repeat(61), Purpose.MARKETING);
        assertThat(SmsLength.of(text)).isEqualTo(new SmsLength.Count(70, "ucs2", 1));
    }

    @Test
    void templatesReportSyntaxErrorsWithTheirLineAndUnknownVariables() {
        assertThat(TemplateRenderer.check("body", "a\nb\n{{#customer.name}}open")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("line 3"));
        assertThat(TemplateRenderer.check("body", "{{customer.phone}} {{>partial}}")).hasSize(2);
        assertThat(TemplateRenderer.check("body", "{{customer.name}} {{#coupon.code}}{{coupon.code}}{{/coupon.code}}"))
                .isEmpty();
        TemplateRenderer.Values values = new TemplateRenderer.Values("<b>林</b>", null, 120L, null, null, null, "店");
        assertThat(TemplateRenderer.render("{{customer.name}} {{points.balance}} [{{tier.name}}]", values, true))
                .isEqualTo("&lt;b&gt;林&lt;/b&gt; 120 []");
        assertThat(TemplateRenderer.render("{{customer.name}}", values, false)).isEqualTo("<b>林</b>");
    }
}
