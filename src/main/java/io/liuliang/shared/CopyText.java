package io.liuliang.shared;

/** PostgreSQL's COPY text format: backslash, tab, newline and carriage return escaped in a value. */
public final class CopyText {

    private CopyText() {
    }

    /** Appends {@code s} to {@code out} escaped; the common case, nothing to escape, is one bulk append. */
    public static void escape(StringBuilder out, CharSequence s) {
        int plain = 0;
        while (plain < s.length() && !needsEscape(s.charAt(plain))) {
            plain++;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
