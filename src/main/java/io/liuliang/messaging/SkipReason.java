package io.liuliang.messaging;

/** Why a message was not queued. */
public enum SkipReason {
    /** The customer opted out of this channel and purpose. */
    OPTED_OUT,
    /** The address is on a suppression list (bounced, complained, unsubscribed by reply, added by hand). */
    SUPPRESSED,
    /** Sending would exceed a frequency cap. */
    FREQUENCY_CAPPED,
    /** The customer has no address for the template's channel. */
    NO_ADDRESS,
    /** The template's channel is not configured or is disabled. */
    CHANNEL_DISABLED,
    /** The template is archived. */
    TEMPLATE_INACTIVE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
