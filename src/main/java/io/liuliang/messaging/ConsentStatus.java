package io.liuliang.messaging;

public enum ConsentStatus {
    OPTED_IN, OPTED_OUT;

    public String code() {
        return Codes.of(this);
    }
}
