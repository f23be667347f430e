package io.liuliang.segment;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.liuliang.job.JobId;
import io.liuliang.shared.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tags", description = "Manual, rule and system tags on customers")
class TagController {

    private final TagService tags;
    private final JsonMapper json;

    TagController(TagService tags, JsonMapper json) {
        this.tags = tags;
        this.json = json;
    }

    record TagView(UUID id, String name, String kind, String color, String description, JsonNode condition,
                   String systemKey, long customers, Instant createdAt, String createdBy, Instant updatedAt,
                   String updatedBy, Instant lastRefreshedAt, UUID refreshJobId) {
    }

    private TagView view(TagRow t, long customers, JobId job) {
        return new TagView(t.id(), t.name(), t.kind().code(), t.color(), t.description(),
                t.condition() == null ? null : json.readTree(t.condition()), t.systemKey(), customers, t.createdAt(),
                t.createdBy(), t.updatedAt(), t.updatedBy(), t.lastRefreshedAt(), job == null ? null : job.value());
    }

    @GetMapping("/tags")
    @PreAuthorize("hasAuthority('segment.read') or hasAuthority('customer.read')")
    @Operation(summary = "Tags (system first, then by name) with how many customers hold each")
    List<TagView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind) {
        return tags.list(q, kind).stream().map(l -> view(l.tag(), l.customers(), null)).toList();
    }

    @GetMapping("/tags/{id}")
    @PreAuthorize("hasAuthority('segment.read')")
    TagView get(@PathVariable UUID id) {
        return view(tags.get(id), 0, null);
    }

    @PostMapping("/tags")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Create a manual tag, or a rule tag with a condition (kept current like a dynamic segment)")
    TagView create(@RequestBody TagService.TagInput input) {
        TagService.Saved saved = tags.create(input);
        return view(saved.tag(), 0, saved.refreshJob());
    }

    @PutMapping("/tags/{id}")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Change a tag (of a system tag only its colour and description)")
    TagView update(@PathVariable UUID id, @RequestBody TagService.TagInput input) {
        TagService.Saved saved = tags.update(id, input);
        return view(saved.tag(), 0, saved.refreshJob());
    }

    @DeleteMapping("/tags/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('segment.manage')")
    void delete(@PathVariable UUID id) {
        tags.delete(id);
    }

    @PostMapping("/tags/{id}:apply")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Give a manual tag to listed customers (customerIds) or to every member of a segment (segmentId)")
    TagService.Applied apply(@PathVariable UUID id, @RequestBody TagService.Selection selection) {
        return tags.apply(id, selection, true);
    }

    @PostMapping("/tags/{id}:remove")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Take a manual tag from listed customers or from every member of a segment")
    TagService.Applied remove(@PathVariable UUID id, @RequestBody TagService.Selection selection) {
        return tags.apply(id, selection, false);
    }

    @PostMapping("/tags/{id}:upload")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Give a manual tag to the customers listed in a file (one customer id per line); bad lines are reported")
    TagService.UploadResult upload(@PathVariable UUID id, @RequestParam("file") MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiProblemException.invalid("file", "is required");
        }
        return tags.upload(id, file.getInputStream());
    }

    @PostMapping("/tags/{id}:refresh")
    @PreAuthorize("hasAuthority('segment.manage')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SegmentController.JobStarted refresh(@PathVariable UUID id) {
        TagRow tag = tags.get(id);
        if (tag.kind() == TagKind.MANUAL) {
            throw ApiProblemException.conflict("Manual tags have no condition to refresh");
        }
        return new SegmentController.JobStarted(tags.submitRefresh(id, tag.name()).value());
    }

    @GetMapping("/customers/{id}/tags")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "The tags a customer holds")
    List<TagStore.HeldTag> customerTags(@PathVariable UUID id) {
        return tags.heldBy(id);
    }

    @PutMapping("/customers/{id}/tags/{tagId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Give a manual tag to one customer")
    void tagCustomer(@PathVariable UUID id, @PathVariable UUID tagId) {
        tags.tagCustomer(id, tagId, true);
    }

    @DeleteMapping("/customers/{id}/tags/{tagId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Take a manual tag from one customer")
    void untagCustomer(@PathVariable UUID id, @PathVariable UUID tagId) {
        tags.tagCustomer(id, tagId, false);
    }
}
