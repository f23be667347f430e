package io.liuliang.messaging;

/** Sends through one kind of provider. Implementations never log the address or the credentials. */
interface ChannelSender {

    boolean sends(ChannelType type);

    SendResult send(Channel channel, OutgoingMessage message);
}
