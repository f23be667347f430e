package io.liuliang.messaging;

/** Escapes text for HTML element content and attribute values. */
final class HtmlEscape {

    private HtmlEscape() {
    }

    static String of(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
