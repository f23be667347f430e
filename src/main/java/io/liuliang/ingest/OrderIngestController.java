package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.order.UpsertResult;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import io.liuliang.shared.Problems;
import io.liuliang.shared.ShopId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ingestion: orders", description = "Idempotent order upserts for integrators")
class OrderIngestController {

    static final int MAX_BATCH = 1_000;
    private final OrderIngestion ingestion;
    private final JsonMapper json;

    OrderIngestController(OrderIngestion ingestion, JsonMapper json) {
        this.ingestion = ingestion;
        this.json = json;
    }

    record BatchItem(int index, OrderIngestion.Ingested result, ProblemDetail error) {
    }

    record BatchResult(int accepted, int rejected, List<BatchItem> results) {
    }

    @PutMapping("/shops/{shopId}/orders/{externalId}")
    @PreAuthorize("hasAuthority('order.write')")
    @Operation(summary = "Create or update one order (with items, refunds and the buyer's identities); "
            + "an identical re-send changes nothing")
    ResponseEntity<OrderIngestion.Ingested> put(@PathVariable UUID shopId, @PathVariable String externalId,
                                                @RequestBody OrderPayload payload) {
        OrderIngestion.Ingested result = ingestion.ingest(new ShopId(shopId), externalId, payload, "api");
        return ResponseEntity.status(result.outcome() == UpsertResult.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result);
    }

    @PostMapping("/orders:batch")
    @PreAuthorize("hasAuthority('order.write')")
    @Operation(summary = "Up to 1,000 orders, each {shopId, externalId, ...order}; per-item results, good ones kept")
    BatchResult batch(@RequestBody JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "Send an array of orders");
        }
        if (body.size() > MAX_BATCH) {
            throw ApiProblemException.invalid("", "a batch holds at most " + MAX_BATCH + " orders, this one " + body.size());
        }
        List<BatchItem> results = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < body.size(); i++) {
            JsonNode node = body.get(i);
            try {
                String shopId = node.path("shopId").asString("");
                String externalId = node.path("externalId").asString("");
                if (shopId.isBlank() || externalId.isBlank()) {
                    throw ApiProblemException.invalid("shopId/externalId", "each order needs shopId and externalId");
                }
                UUID shop;
                try {
                    shop = UUID.fromString(shopId);
                } catch (IllegalArgumentException e) {
                    throw ApiProblemException.invalid("shopId", "'" + shopId + "' is not a shop id");
                }
                OrderPayload payload = json.treeToValue(node, OrderPayload.class);
                results.add(new BatchItem(i, ingestion.ingest(new ShopId(shop), externalId, payload, "api"), null));
            } catch (ApiProblemException e) {
                rejected++;
                results.add(new BatchItem(i, null, Problems.of(e)));
            } catch (tools.jackson.core.JacksonException e) {
                rejected++;
                results.add(new BatchItem(i, null, Problems.of(ProblemType.MALFORMED_REQUEST,
                        "order " + i + " is not valid: " + e.getOriginalMessage())));
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                rejected++;
                results.add(new BatchItem(i, null, Problems.of(ProblemType.CONFLICT,
                        "order " + i + " conflicts with existing data")));
            }
        }
        return new BatchResult(body.size() - rejected, rejected, results);
    }
}
