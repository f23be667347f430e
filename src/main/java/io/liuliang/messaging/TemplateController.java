package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
@RequestMapping("/api/v1/messaging/templates")
@Tag(name = "Messaging templates", description = "Mustache templates per channel and purpose; preview with a real customer")
class TemplateController {

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    record TemplateView(UUID id, UUID channelId, String purpose, String name, String subject, String body,
                        String smsTemplateCode, List<SmsParam> smsParams, String status, Instant createdAt,
                        String createdBy, Instant updatedAt, String updatedBy) {

        static TemplateView of(Template t) {
            return new TemplateView(t.id(), t.channelId(), Codes.of(t.purpose()), t.name(), t.subject(), t.body(),
                    t.smsTemplateCode(), t.smsParams(), t.active() ? "active" : "archived", t.createdAt(), t.createdBy(),
                    t.updatedAt(), t.updatedBy());
        }
    }

    /** The variables templates may use. */
    record Variables(List<String> variables) {
    }

    @GetMapping("/variables")
    @PreAuthorize("hasAuthority('messaging.read')")
    Variables variables() {
        return new Variables(TemplateRenderer.VARIABLES);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('messaging.read')")
    @Operation(summary = "Templates by name; q searches the name, channelId and purpose filter")
    CursorPage<TemplateView> list(@RequestParam(required = false) String q, @RequestParam(required = false) UUID channelId,
                                  @RequestParam(required = false) String purpose,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        return templates.list(q, channelId, purpose, PageRequest.of(limit, cursor)).map(TemplateView::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('messaging.read')")
    TemplateView get(@PathVariable UUID id) {
        return TemplateView.of(templates.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Create a template: channelId, purpose (marketing, service), name, subject (e-mail), body "
            + "(Mustache), for SMS smsTemplateCode and smsParams [{name, value}]")
    TemplateView create(@RequestBody TemplateService.TemplateInput input) {
        return TemplateView.of(templates.create(input));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('messaging.manage')")
    TemplateView update(@PathVariable UUID id, @RequestBody TemplateService.TemplateInput input) {
        return TemplateView.of(templates.update(id, input));
    }

    record PreviewRequest(UUID customerId, String couponCode) {
    }

    @PostMapping("/{id}:preview")
    @PreAuthorize("hasAuthority('messaging.read')")
    @Operation(summary = "Render the template for a real customer (masked without customer.pii.read); for SMS the "
            + "text with 【签名】 and 回T退订, its characters and segments")
    TemplateService.Preview preview(@PathVariable UUID id, @RequestBody PreviewRequest request) {
        return templates.preview(id, request == null ? null : request.customerId(),
                request == null ? null : request.couponCode());
    }
}
