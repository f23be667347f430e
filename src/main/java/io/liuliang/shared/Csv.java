package io.liuliang.shared;

/** CSV for downloads people open in spreadsheets. */
public final class Csv {

    private Csv() {
    }

    /** One RFC 4180 cell; text starting like a formula ({@code = + - @}) is defused with a leading quote. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
