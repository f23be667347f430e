package io.liuliang.messaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads the bounce reports mail servers send back for e-mail that could not be delivered: delivery status
 * notifications (RFC 3464, {@code multipart/report; report-type=delivery-status}). Each per-recipient block gives the
 * recipient, the action ({@code failed}, {@code delayed}, {@code delivered}, ...) and the status code; the returned
 * original message (or its headers) names the delivery by its {@code X-Liuliang-Delivery} header and its Message-ID.
 */
final class BounceReports {

    static final String DELIVERY_STATUS = "message/delivery-status";

    /** What a report says of one recipient of one message. */
    record Bounce(UUID deliveryId, String originalMessageId, String recipient, String action, String status,
                  String diagnostic) {

        /** A permanent failure (action failed, status class 5): the address is not to be mailed again. */
        boolean permanent() {
            return "failed".equals(action) && status != null && status.startsWith("5");
        }
    }

    private BounceReports() {
    }

    /**
     * The recipients a report is about; none when the message is no delivery status notification.
     *
     * @throws IllegalArgumentException when the bytes are not a MIME message
     */
    static List<Bounce> parse(byte[] raw) {
        try {
            MimeMessage report = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            List<String> statusBlocks = new ArrayList<>();
            InternetHeaders original = null;
            if (report.isMimeType("multipart/report") && report.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType(DELIVERY_STATUS)) {
                        statusBlocks.add(text(part));
                    } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                        original = headersOf(part);
                    }
                }
            }
            if (statusBlocks.isEmpty()) {
                return List.of();
            }
            UUID delivery = original == null ? null : uuid(original.getHeader("X-Liuliang-Delivery", null));
            String messageId = original == null ? null : original.getHeader("Message-ID", null);
            List<Bounce> bounces = new ArrayList<>();
            for (String block : statusBlocks) {
                // the per-message fields come first, then one group of fields per recipient, separated by blank lines
                String[] groups = block.replace("\r\n", "\n").split("\n\\s*\n");
                for (int g = 1; g < groups.length; g++) {
                    InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream(
                            (groups[g].strip() + "\n\n").getBytes(StandardCharsets.UTF_8)));
                    String recipient = address(fields.getHeader("Final-Recipient", null));
                    if (recipient == null) {
                        recipient = address(fields.getHeader("Original-Recipient", null));
                    }
                    String action = fields.getHeader("Action", null);
                    if (recipient == null || action == null) {
                        continue;
                    }
                    bounces.add(new Bounce(delivery, messageId, recipient, action.strip().toLowerCase(Locale.ROOT),
                            value(fields.getHeader("Status", null)), value(fields.getHeader("Diagnostic-Code", null))));
                }
            }
            return bounces;
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("not a readable MIME message: " + e.getMessage(), e);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InternetHeaders headersOf(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof MimeMessage m) {
            InternetHeaders h = new InternetHeaders();
            for (String name : new String[] {"X-Liuliang-Delivery", "Message-ID"}) {
                String v = m.getHeader(name, null);
                if (v != null) {
                    h.addHeader(name, v);
                }
            }
            return h;
        }
        try (InputStream in = part.getInputStream()) {
            return new InternetHeaders(in);
        }
    }

    /** The address of an {@code rfc822; someone@example.com} field. */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String a = (semicolon < 0 ? field : field.substring(semicolon + 1)).strip();
        return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
    }

    /** A field without its type prefix where it has one ({@code smtp; 550 ...} → {@code 550 ...}). */
    private static String value(String field) {
        if (field == null) {
            return null;
        }
        String v = field.replaceAll("\\s+", " ").strip();
        int semicolon = v.indexOf(';');
        return semicolon >= 0 && semicolon < 10 ? v.substring(semicolon + 1).strip() : v;
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
