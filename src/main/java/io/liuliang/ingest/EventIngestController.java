package io.liuliang.ingest;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ingestion: events", description = "Behaviour events, durable before the response")
class EventIngestController {

    static final int MAX_BATCH = 1_000;
    private final EventCommitter committer;
    private final JsonMapper json;

    EventIngestController(EventCommitter committer, JsonMapper json) {
        this.committer = committer;
        this.json = json;
    }

    // produces: the answer is always JSON, so Spring MVC need not ask each message converter per request
    @PostMapping(path = "/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('event.write')")
    @Operation(summary = "One event (an object) or up to 1,000 (an array). Each needs eventId, type, occurredAt and a "
            + "subject (customerId, customer.identities or anonymousId). Retries with the same eventId and occurredAt "
            + "are reported as duplicates and store nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "an event object, or an array of at most 1,000 of them"))
    ResponseEntity<?> post(HttpServletRequest request) throws IOException {
        EventBodyReader.Body body = EventBodyReader.read(json, request.getInputStream(), MAX_BATCH);
        EventIngestion.Result result = committer.ingest(body.items(), "api");
        if (body.batch()) {
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
