package io.liuliang.messaging;

import java.util.regex.Pattern;

/** The plain-text alternative of an HTML e-mail body: tags dropped, links kept in brackets, entities decoded. */
final class HtmlText {

    private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</h[1-6]>|</li>|</tr>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null) {
            return "";
        }
        String s = LINK.matcher(html).replaceAll("$2 [$1]");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#x27;", "'").replace("&#x3D;", "=").replace("&#x60;", "`")
                .replace("&amp;", "&");
        return s.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
