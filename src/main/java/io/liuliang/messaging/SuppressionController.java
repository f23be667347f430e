package io.liuliang.messaging;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/messaging/suppressions")
@Tag(name = "Messaging suppressions", description = "Addresses nothing is sent to (marketing), or nothing at all (hard bounces)")
class SuppressionController {

    private final Suppressions suppressions;

    SuppressionController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    /** {@code reason}: hard_bounce, complaint, unsubscribed, manual (default) or invalid. */
    record SuppressionBody(String channel, String address, String reason, String source) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('messaging.read')")
    @Operation(summary = "Suppressed addresses, newest first; q finds an exact address, or part of the masked address, source or reason")
    CursorPage<Suppressions.Suppression> list(@RequestParam(required = false) String channel,
                                              @RequestParam(required = false) String q,
                                              @RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) String cursor) {
        return suppressions.list(channel, q, PageRequest.of(limit, cursor));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Suppress an address (the same address again keeps its first entry)")
    Suppressions.Suppression add(@RequestBody SuppressionBody body) {
        return suppressions.add(body == null ? null : body.channel(), body == null ? null : body.address(),
                body == null ? null : body.reason(), body == null ? null : body.source());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('messaging.manage')")
    void remove(@PathVariable long id) {
        suppressions.remove(id);
    }
}
