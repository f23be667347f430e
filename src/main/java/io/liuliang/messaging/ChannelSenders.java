package io.liuliang.messaging;

import java.util.List;

import org.springframework.stereotype.Component;

/** Picks the sender of a channel's type. */
@Component
class ChannelSenders {

    private final List<ChannelSender> senders;

    ChannelSenders(List<ChannelSender> senders) {
        this.senders = senders;
    }

    SendResult send(Channel channel, OutgoingMessage message) {
        for (ChannelSender sender : senders) {
            if (sender.sends(channel.type())) {
                try {
                    return sender.send(channel, message);
                } catch (RuntimeException e) {
                    return new SendResult.Refused("sender failed: " + e.getClass().getSimpleName() + " "
                            + e.getMessage(), null, true);
                }
            }
        }
        return new SendResult.Refused("no sender for " + channel.type().code(), null, false);
    }
}
