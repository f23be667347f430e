package io.liuliang.messaging;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The public links in messages, reached by customers without signing in; each carries a signed token.
 * <ul>
 * <li>{@code /u/{token}}: unsubscribe. POST (the mail client's RFC 8058 one-click, or the page's button) records the
 * opt-out from marketing on the token's channel; GET shows a page with that button, so that a link scanner fetching
 * the URL unsubscribes no one.</li>
 * <li>{@code /t/o/{token}}: the open pixel (a 1×1 GIF); {@code /t/c/{token}}: a click, redirected to the URL the
 * token signs (never anywhere else).</li>
 * </ul>
 */
@RestController
@Tag(name = "Messaging links", description = "Unsubscribe, open pixel and click redirect (public, signed tokens)")
class PublicLinkController {

    private static final byte[] PIXEL = java.util.Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final LinkTokens tokens;
    private final Consents consents;
    private final DeliveryService deliveries;

    PublicLinkController(LinkTokens tokens, Consents consents, DeliveryService deliveries) {
        this.tokens = tokens;
        this.consents = consents;
        this.deliveries = deliveries;
    }

    @GetMapping(value = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The unsubscribe page: a button that POSTs to the same URL")
    ResponseEntity<String> unsubscribePage(@PathVariable String token) {
        if (tokens.readUnsubscribe(token).isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "链接无效 Invalid link", "<p>这个退订链接无效。This unsubscribe link is not valid.</p>");
        }
        return page(HttpStatus.OK, "退订 Unsubscribe", "<form method=\"post\"><p>不再接收营销消息？"
                + " Stop receiving marketing messages?</p><button type=\"submit\" name=\"confirm\" value=\"1\">"
                + "确认退订 Unsubscribe</button></form>");
    }

    @PostMapping(value = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Unsubscribe (RFC 8058 one-click: List-Unsubscribe=One-Click), recorded as an opt-out of marketing")
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        Optional<LinkTokens.Unsubscribe> u = tokens.readUnsubscribe(token);
        if (u.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "链接无效 Invalid link", "<p>这个退订链接无效。This unsubscribe link is not valid.</p>");
        }
        try {
            consents.set(u.get().customer(), u.get().channel(), Purpose.MARKETING, ConsentStatus.OPTED_OUT,
                    "unsubscribe_link");
        } catch (io.liuliang.shared.ApiProblemException e) {
            return page(HttpStatus.NOT_FOUND, "链接无效 Invalid link", "<p>这个退订链接无效。This unsubscribe link is not valid.</p>");
        }
        return page(HttpStatus.OK, "已退订 Unsubscribed", "<p>您已退订营销消息。You are unsubscribed from marketing messages.</p>");
    }

    @GetMapping("/t/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        tokens.readOpen(token).ifPresent(deliveries::opened);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    @GetMapping("/t/c/{token}")
    ResponseEntity<String> click(@PathVariable String token) {
        Optional<LinkTokens.Click> click = tokens.readClick(token);
        if (click.isEmpty() || !ChannelService.isHttpUrl(click.get().url())) {
            return page(HttpStatus.NOT_FOUND, "链接无效 Invalid link", "<p>This link is not valid.</p>");
        }
        UUID delivery = click.get().delivery();
        deliveries.clicked(delivery);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(click.get().url()))
                .cacheControl(CacheControl.noStore()).build();
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String content) {
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                        + "<title>" + title + "</title></head><body style=\"font-family:sans-serif;max-width:480px;margin:3em auto\">"
                        + "<h1>" + title + "</h1>" + content + "</body></html>");
    }
}
