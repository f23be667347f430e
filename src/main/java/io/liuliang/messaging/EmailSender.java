package io.liuliang.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Jakarta Mail: one {@link JavaMailSenderImpl} per channel configuration (rebuilt when the
 * channel changes). The body is HTML with a plain-text alternative; marketing mail carries {@code List-Unsubscribe}
 * (the one-click link) and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). The provider id is
 * the {@code Message-ID}.
 */
@Component
class EmailSender implements ChannelSender {

    private record Key(UUID channel, Instant updatedAt) {
    }

    private final Map<Key, JavaMailSenderImpl> senders = new ConcurrentHashMap<>();
    private final MessagingProperties properties;

    EmailSender(MessagingProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean sends(ChannelType type) {
        return type == ChannelType.EMAIL;
    }

    @Override
    public SendResult send(Channel channel, OutgoingMessage message) {
        JavaMailSenderImpl sender = senderFor(channel);
        ChannelConfig.Email config = (ChannelConfig.Email) channel.config();
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(config.fromAddress(), config.fromName(), StandardCharsets.UTF_8.name()));
            helper.setTo(message.address());
            helper.setSubject(message.subject() == null ? "" : message.subject());
            helper.setText(HtmlText.toText(message.body()), message.body());
            if (message.unsubscribeUrl() != null) {
                mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mime.setHeader("X-Liuliang-Delivery", message.deliveryId().toString());
            sender.send(mime);
            return new SendResult.Accepted(mime.getMessageID(), "250 accepted by " + config.host());
        } catch (MailAuthenticationException e) {
            return new SendResult.Refused("SMTP authentication failed: " + e.getMessage(), null, false);
        } catch (MailSendException e) {
            boolean rejectedAddress = e.getFailedMessages().values().stream().anyMatch(f -> f instanceof SendFailedException s
                    && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0);
            return rejectedAddress ? new SendResult.BadAddress("SMTP rejected the recipient: " + e.getMessage(), null)
                    : new SendResult.Refused("SMTP: " + e.getMessage(), null, true);
        } catch (MailException e) {
            return new SendResult.Refused("SMTP: " + e.getMessage(), null, true);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            return new SendResult.Refused("cannot build the message: " + e.getMessage(), null, false);
        }
    }

    private JavaMailSenderImpl senderFor(Channel channel) {
        Key key = new Key(channel.id(), channel.updatedAt());
        JavaMailSenderImpl sender = senders.get(key);
        if (sender == null) {
            senders.keySet().removeIf(k -> k.channel().equals(channel.id()));
            sender = build((ChannelConfig.Email) channel.config());
            senders.put(key, sender);
        }
        return sender;
    }

    private JavaMailSenderImpl build(ChannelConfig.Email config) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(config.host());
        sender.setPort(config.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties props = new Properties();
        String timeout = Long.toString(properties.sendTimeout().toMillis());
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        if (config.username() != null) {
            sender.setUsername(config.username());
            sender.setPassword(config.password());
            props.put("mail.smtp.auth", "true");
        }
        switch (config.security()) {
            case "ssl" -> {
                sender.setProtocol("smtps");
                props.put("mail.smtps.ssl.checkserveridentity", "true");
                props.put("mail.smtps.connectiontimeout", timeout);
                props.put("mail.smtps.timeout", timeout);
                props.put("mail.smtps.writetimeout", timeout);
                if (config.username() != null) {
                    props.put("mail.smtps.auth", "true");
                }
            }
            case "starttls" -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
                // none: plain SMTP (a relay on the local network, a test server)
            }
        }
        sender.setJavaMailProperties(props);
        return sender;
    }
}
