package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ingestion: events", description = "Behaviour events, durable before the response")
class EventIngestController {

    static final int MAX_BATCH = 1_000;
    private final EventIngestion ingestion;

    EventIngestController(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping("/events")
    @PreAuthorize("hasAuthority('event.write')")
    @Operation(summary = "One event (an object) or up to 1,000 (an array). Each needs eventId, type, occurredAt and a "
            + "subject (customerId, customer.identities or anonymousId). Retries with the same eventId and occurredAt "
            + "are reported as duplicates and store nothing.")
    ResponseEntity<?> post(@RequestBody JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "Send an event object or an array of events");
        }
        if (body.isArray() && body.size() > MAX_BATCH) {
            throw ApiProblemException.invalid("", "a batch holds at most " + MAX_BATCH + " events, this one " + body.size());
        }
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        EventIngestion.Result result = ingestion.ingest(items, "api");
        if (body.isArray()) {
            return ResponseEntity.ok(result);
        }
        EventIngestion.ItemResult single = result.results().get(0);
        if (single.status() == EventIngestion.Status.REJECTED) {
            throw ApiProblemException.invalid(single.errors());
        }
        return ResponseEntity.status(single.status() == EventIngestion.Status.STORED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(single);
    }
}
