package io.liuliang.ingest;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.order.Platform;
import io.liuliang.order.Shop;
import io.liuliang.order.Shops;
import io.liuliang.order.UpsertResult;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import io.liuliang.shared.ShopId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Shopify's {@code orders/create} and {@code orders/updated} webhooks. Shopify sends neither a session nor
 * a token: a request is trusted only when its {@code X-Shopify-Hmac-Sha256} header signs the raw body with the
 * shop's webhook secret. Re-deliveries change nothing, since the order upsert is idempotent by content.
 */
@RestController
@RequestMapping("/api/v1/webhooks/shopify")
@Tag(name = "Webhooks in", description = "Signed webhooks from sales platforms")
class ShopifyWebhookController {

    static final String SOURCE = "shopify-webhook";
    static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/updated");
    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookController.class);

    private final WebhookSecrets secrets;
    private final Shops shops;
    private final OrderIngestion ingestion;
    private final JsonMapper json;

    ShopifyWebhookController(WebhookSecrets secrets, Shops shops, OrderIngestion ingestion, JsonMapper json) {
        this.secrets = secrets;
        this.shops = shops;
        this.ingestion = ingestion;
        this.json = json;
    }

    /** What a handled order webhook did. */
    record Received(String webhookId, String topic, UUID orderId, UpsertResult.Outcome outcome, UUID customerId) {
    }

    /** A verified webhook of a topic Liuliang does not handle. */
    record Ignored(String webhookId, String topic, String outcome, String detail) {
    }

    @PostMapping("/{shopId}")
    @Operation(summary = "Shopify orders/create and orders/updated webhooks for one shop; register "
            + "https://<host>/api/v1/webhooks/shopify/<shopId> in Shopify. Needs no session or token: the "
            + "X-Shopify-Hmac-Sha256 signature is checked with the shop's webhook secret. At most 2 MiB.")
    ResponseEntity<?> receive(@PathVariable String shopId,
                              @RequestHeader(name = ShopifySignature.HEADER, required = false) String signature,
                              @RequestHeader(name = "X-Shopify-Topic", required = false) String topic,
                              @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId,
                              @RequestHeader(name = "X-Shopify-Shop-Domain", required = false) String shopDomain,
                              @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Optional<ShopId> shopKey = parse(shopId);
        Optional<String> secret = shopKey.flatMap(secrets::reveal);
        if (secret.isEmpty() || !ShopifySignature.verify(secret.get(), raw, signature)) {
            log.warn("Shopify webhook {} ({}) from {} for shop {} refused: {}", clean(webhookId), clean(topic),
                    clean(shopDomain), shopKey.map(ShopId::toString).orElse("(not a shop id)"),
                    signature == null ? "no signature" : "unknown shop, no secret or wrong signature");
            throw new ApiProblemException(ProblemType.UNAUTHENTICATED,
                    "The webhook signature could not be verified for this shop");
        }
        Shop shop = shops.find(shopKey.get()).orElseThrow(() -> ApiProblemException.notFound("Shop", shopId));
        if (shop.platform() != Platform.SHOPIFY) {
            throw new ApiProblemException(ProblemType.VALIDATION, "Shop " + shopId + " is a " + shop.platform().code()
                    + " shop; this endpoint takes the webhooks of Shopify shops only");
        }
        if (topic == null || topic.isBlank()) {
            throw ApiProblemException.invalid("X-Shopify-Topic", "the header is required");
        }
        String theTopic = topic.strip();
        if (!ORDER_TOPICS.contains(theTopic)) {
            log.info("Shopify webhook {} ({}) for shop {} ignored: topic not handled", webhookId, theTopic, shopId);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Ignored(webhookId, theTopic, "IGNORED",
                    "Topic " + theTopic + " is not handled (only orders/create and orders/updated); nothing was done"));
        }
        ShopifyOrder order = read(raw);
        OrderIngestion.Ingested result = ingestion.ingest(shop.id(), ShopifyOrderMapper.externalId(order),
                ShopifyOrderMapper.toPayload(order), SOURCE);
        log.info("Shopify webhook {} ({}) for shop {}: order {} {} ({} new refunds)", webhookId, theTopic, shopId,
                order.id(), result.outcome(), result.refundsCreated());
        return ResponseEntity.ok(new Received(webhookId, theTopic, result.orderId(), result.outcome(),
                result.customerId()));
    }

    private ShopifyOrder read(byte[] raw) {
        ShopifyOrder order;
        try {
            order = json.readValue(raw, ShopifyOrder.class);
        } catch (JacksonException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST,
                    "The webhook body is not a Shopify order: " + e.getOriginalMessage());
        }
        if (order == null) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "The webhook body is not a Shopify order");
        }
        return order;
    }

    /** A header value fit for a log line (it comes from an unauthenticated caller). */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }

    private static Optional<ShopId> parse(String shopId) {
        try {
            return Optional.of(new ShopId(UUID.fromString(shopId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
