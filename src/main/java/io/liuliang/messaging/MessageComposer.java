package io.liuliang.messaging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.liuliang.customer.Contact;
import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.loyalty.MemberTiers;
import io.liuliang.order.Orders;
import io.liuliang.shared.CustomerId;

/**
 * Renders a template for one customer: the variables from the customer, loyalty and order modules; SMS with the
 * 【签名】 prefix and, for marketing, the {@code 回T退订} suffix; marketing e-mail with an unsubscribe link (a footer
 * when the body has no {@code {{links.unsubscribe}}}); tracked e-mail with click links and an open pixel.
 */
@Component
class MessageComposer {

    static final String SMS_OPT_OUT = " 回T退订";
    private static final Pattern HREF = Pattern.compile("(?i)href\\s*=\\s*\"(https?://[^\"]+)\"");

    private final MemberTiers tiers;
    private final Orders orders;
    private final LinkTokens tokens;
    private final PersonalData vault;
    private final MessagingProperties properties;

    MessageComposer(MemberTiers tiers, Orders orders, LinkTokens tokens, PersonalData vault,
                    MessagingProperties properties) {
        this.tiers = tiers;
        this.orders = orders;
        this.tokens = tokens;
        this.vault = vault;
        this.properties = properties;
    }

    /** A rendered message. {@code address} is the real one (null when the customer has none for the channel). */
    record Composed(String address, String subject, String body, List<SmsParam> params, String unsubscribeUrl) {

        @Override
        public String toString() {
            return "Composed[address=****]";
        }
    }

    /** The address of the customer on a kind of channel: e-mail, E.164 phone, or the customer id (robots, webhooks). */
    static String addressOf(Contact contact, ChannelKind kind) {
        return switch (kind) {
            case EMAIL -> contact.email();
            case SMS -> contact.phone();
            default -> contact.customer().value().toString();
        };
    }

    String unsubscribeUrl(CustomerId customer, ChannelKind kind) {
        return properties.base() + "/u/" + tokens.unsubscribe(customer, kind);
    }

    /**
     * @param delivery the delivery id for tracking links, or null (a preview: no tracking)
     * @param maskName whether the customer's name is shown masked (a preview for someone without the PII permission)
     */
    Composed compose(Template t, Channel channel, Contact contact, String couponCode, String shopName, UUID delivery,
                     boolean maskName) {
        return compose(contextOf(List.of(contact.customer())), t, channel, contact, couponCode, shopName, delivery,
                maskName);
    }

    /** What templates may show of many customers from other modules (their standing, their last product), read at once. */
    record Context(Map<CustomerId, MemberTiers.Standing> standings, Map<CustomerId, String> lastProducts) {
    }

    Context contextOf(Collection<CustomerId> customers) {
        return new Context(tiers.standingsOf(customers), orders.lastProductsOf(customers));
    }

    /** {@link #compose(Template, Channel, Contact, String, String, UUID, boolean)} with the context read beforehand. */
    Composed compose(Context context, Template t, Channel channel, Contact contact, String couponCode, String shopName,
                     UUID delivery, boolean maskName) {
        CustomerId customer = contact.customer();
        ChannelKind kind = channel.kind();
        MemberTiers.Standing standing = context.standings().get(customer);
        String lastProduct = context.lastProducts().get(customer);
        String unsubscribe = t.purpose() == Purpose.MARKETING ? unsubscribeUrl(customer, kind) : null;
        String name = contact.displayName();
        if (maskName && name != null) {
            name = vault.mask(PiiKind.NAME, name);
        }
        TemplateRenderer.Values values = new TemplateRenderer.Values(name, standing == null ? null : standing.tierName(),
                standing == null ? null : standing.pointsBalance(), couponCode, lastProduct, unsubscribe, shopName);
        String subject = TemplateRenderer.render(t.subject(), values, false);
        String address = addressOf(contact, kind);
        if (kind == ChannelKind.EMAIL) {
            String body = TemplateRenderer.render(t.body(), values, true);
            if (unsubscribe != null && !body.contains(HtmlEscape.of(unsubscribe)) && !body.contains(unsubscribe)) {
                body = body + "\n<p style=\"font-size:12px;color:#888\"><a href=\"" + HtmlEscape.of(unsubscribe)
                        + "\">退订 Unsubscribe</a></p>";
            }
            if (delivery != null) {
                body = tracked(body, delivery, unsubscribe);
            }
            return new Composed(address, subject, body, List.of(), unsubscribe);
        }
        String body = TemplateRenderer.render(t.body(), values, false);
        List<SmsParam> params = t.smsParams().stream()
                .map(p -> new SmsParam(p.name(), TemplateRenderer.render(p.value(), values, false))).toList();
        if (kind == ChannelKind.SMS) {
            body = smsText(signName(channel), body, t.purpose());
        }
        return new Composed(address, subject, body, params, unsubscribe);
    }

    static String signName(Channel channel) {
        if (channel.config() instanceof ChannelConfig.AliyunSms a) {
            return a.signName();
        }
        if (channel.config() instanceof ChannelConfig.TencentSms t) {
            return t.signName();
        }
        return null;
    }

    /** The SMS as the customer sees it: 【签名】, the text, and for marketing the opt-out hint (each once). */
    static String smsText(String signName, String body, Purpose purpose) {
        String text = body.strip();
        if (signName != null && !text.startsWith("【")) {
            text = "【" + signName + "】" + text;
        }
        if (purpose == Purpose.MARKETING && !text.endsWith("回T退订")) {
            text = text + SMS_OPT_OUT;
        }
        return text;
    }

    private String tracked(String html, UUID delivery, String unsubscribe) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group(1).replace("&amp;", "&");
            if (unsubscribe != null && url.equals(unsubscribe)) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement("href=\"" + properties.base() + "/t/c/"
                        + tokens.click(delivery, url) + "\""));
            }
        }
        m.appendTail(out);
        out.append("\n<img src=\"").append(properties.base()).append("/t/o/").append(tokens.open(delivery))
                .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">");
        return out.toString();
    }
}
