package io.liuliang.order;

/** The sales platforms a shop can be on. Codes are stored and never renamed. */
public enum Platform {
    TAOBAO("taobao"),
    TMALL("tmall"),
    JD("jd"),
    DOUYIN("douyin"),
    KUAISHOU("kuaishou"),
    YOUZAN("youzan"),
    WECHAT_MINI("wechat_mini"),
    SHOPIFY("shopify"),
    OFFLINE("offline"),
    OTHER("other");

    private final String code;

    Platform(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Platform ofCode(String code) {
        for (Platform p : values()) {
            if (p.code.equalsIgnoreCase(code) || p.name().equalsIgnoreCase(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform '" + code + "'");
    }
}
