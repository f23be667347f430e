package io.liuliang.messaging;

/** What consent, suppression and caps are kept per: the kind of channel a message goes out on. */
public enum ChannelKind {
    EMAIL, SMS, WECOM, PUSH, WEBHOOK;

    public String code() {
        return Codes.of(this);
    }
}
