package io.liuliang.loyalty;

/** The kinds of points-ledger entries. */
public enum EntryKind {
    EARN("earn"), SPEND("spend"), EXPIRE("expire"), ADJUST("adjust"), REVERSE("reverse");

    private final String code;

    EntryKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static EntryKind ofCode(String code) {
        for (EntryKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown entry kind " + code);
    }
}
