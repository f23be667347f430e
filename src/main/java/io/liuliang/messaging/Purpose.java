package io.liuliang.messaging;

/** Marketing messages need consent and obey caps and quiet hours; service messages (order, delivery) do not. */
public enum Purpose {
    MARKETING, SERVICE;

    public String code() {
        return Codes.of(this);
    }
}
