package io.liuliang.messaging;

/** The providers a channel can be: each sends one kind of message. */
enum ChannelType {
    EMAIL(ChannelKind.EMAIL),
    SMS_ALIYUN(ChannelKind.SMS),
    SMS_TENCENT(ChannelKind.SMS),
    WECOM_ROBOT(ChannelKind.WECOM),
    WEBHOOK(ChannelKind.WEBHOOK),
    PUSH_WEBHOOK(ChannelKind.PUSH);

    private final ChannelKind kind;

    ChannelType(ChannelKind kind) {
        this.kind = kind;
    }

    ChannelKind kind() {
        return kind;
    }

    String code() {
        return Codes.of(this);
    }
}
