package io.liuliang.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.liuliang.shared.FieldError;

/**
 * Mustache (jmustache, logic-less) over a fixed set of variables. Templates are checked when saved: a syntax error is
 * reported with its line, a variable outside {@link #VARIABLES} is refused. HTML bodies (e-mail) escape the values,
 * others do not.
 */
final class TemplateRenderer {

    /** The variables a template may use. */
    static final List<String> VARIABLES = List.of("customer.name", "tier.name", "points.balance", "coupon.code",
            "lastProduct.title", "links.unsubscribe", "shop.name");
    private static final Set<String> SECTIONS = sections();
    private static final Pattern LINE = Pattern.compile("@ line (\\d+)");

    private TemplateRenderer() {
    }

    private static Set<String> sections() {
        Set<String> s = new LinkedHashSet<>(VARIABLES);
        VARIABLES.forEach(v -> s.add(v.substring(0, v.indexOf('.'))));
        return s;
    }

    /** The values of one rendering; null ones render empty. */
    record Values(String customerName, String tierName, Long pointsBalance, String couponCode, String lastProductTitle,
                  String unsubscribeUrl, String shopName) {

        Map<String, Object> context() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("customer", one("name", customerName));
            c.put("tier", one("name", tierName));
            c.put("points", one("balance", pointsBalance));
            c.put("coupon", one("code", couponCode));
            c.put("lastProduct", one("title", lastProductTitle));
            c.put("links", one("unsubscribe", unsubscribeUrl));
            c.put("shop", one("name", shopName));
            return c;
        }

        private static Map<String, Object> one(String key, Object value) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (value != null) {
                m.put(key, value);
            }
            return m;
        }
    }

    /** Why {@code text} cannot be a template (as errors of {@code field}); empty when it can. */
    static List<FieldError> check(String field, String text) {
        List<FieldError> errors = new ArrayList<>();
        if (text == null) {
            return errors;
        }
        Template template;
        try {
            template = compiler(false).compile(text);
        } catch (MustacheException e) {
            Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
            String line = m.find() ? "line " + m.group(1) + ": " : "";
            errors.add(new FieldError(field, "template syntax error at " + (line.isEmpty() ? "" : line)
                    + String.valueOf(e.getMessage()).replaceAll("\\s*@ line \\d+", "")));
            return errors;
        }
        Set<String> unknown = new LinkedHashSet<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!VARIABLES.contains(name)) {
                    unknown.add(name);
                }
            }

            @Override
            public boolean visitInclude(String name) {
                unknown.add(">" + name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                if (!SECTIONS.contains(name)) {
                    unknown.add("#" + name);
                }
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                if (!SECTIONS.contains(name)) {
                    unknown.add("^" + name);
                }
                return true;
            }
        });
        for (String name : unknown) {
            errors.add(new FieldError(field, "unknown variable {{" + name + "}}; known: " + String.join(", ", VARIABLES)));
        }
        return errors;
    }

    /** Renders a checked template; HTML escapes the values. */
    static String render(String text, Values values, boolean html) {
        if (text == null) {
            return null;
        }
        return compiler(html).compile(text).execute(values.context());
    }

    private static Mustache.Compiler compiler(boolean html) {
        return Mustache.compiler().escapeHTML(html).defaultValue("").emptyStringIsFalse(true);
    }
}
