package io.liuliang.segment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.CustomerTags;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.JsonNode;

/** Tags: manual ones given to customers, selections, segments or uploaded lists; rule and system ones kept current. */
@Service
class TagService implements CustomerTags {

    static final int MAX_NAME = 50;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_SELECTION = 10_000;
    static final int UPLOAD_CHUNK = 5_000;
    static final int MAX_REJECTS_REPORTED = 1_000;
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    private final TagStore store;
    private final ConditionValidator validator;
    private final SegmentStore segments;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final Jobs jobs;

    TagService(TagStore store, ConditionValidator validator, SegmentStore segments, Customers customers, JdbcClient jdbc,
               Jobs jobs) {
        this.store = store;
        this.validator = validator;
        this.segments = segments;
        this.customers = customers;
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    record TagInput(String name, String kind, String color, String description, JsonNode condition) {
    }

    record Listed(TagRow tag, long customers) {
    }

    record Saved(TagRow tag, JobId refreshJob) {
    }

    List<Listed> list(String q, String kind) {
        TagKind k = null;
        if (kind != null && !kind.isBlank()) {
            k = TagKind.ofCode(kind).orElseThrow(() -> ApiProblemException.invalid("kind", "must be manual, rule or system"));
        }
        List<TagRow> rows = store.list(q, k);
        Map<UUID, Long> counts = store.counts(rows.stream().map(TagRow::id).toList());
        return rows.stream().map(r -> new Listed(r, counts.getOrDefault(r.id(), 0L))).toList();
    }

    TagRow get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("Tag", id));
    }

    @Transactional
    Saved create(TagInput input) {
        List<FieldError> errors = new ArrayList<>();
        String name = name(input.name(), null, errors);
        TagKind kind = input.kind() == null ? TagKind.MANUAL : TagKind.ofCode(input.kind()).orElse(null);
        if (kind == null || kind == TagKind.SYSTEM) {
            errors.add(new FieldError("kind", "must be manual or rule"));
        }
        String color = color(input.color(), errors);
        String description = description(input.description(), errors);
        if (kind == TagKind.MANUAL && input.condition() != null && !input.condition().isNull()) {
            errors.add(ConditionProblem.MANUAL_TAG_CONDITION.at("condition", "only rule tags have a condition"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        String condition = kind == TagKind.RULE ? ConditionJson.write(validator.parse(input.condition(), null)).toString() : null;
        UUID id = UUID.randomUUID();
        store.insert(id, name, kind, color, description, condition, null, SegmentActor.name());
        return new Saved(get(id), kind == TagKind.RULE ? submitRefresh(id, name) : null);
    }

    @Transactional
    Saved update(UUID id, TagInput input) {
        TagRow existing = get(id);
        List<FieldError> errors = new ArrayList<>();
        String color = color(input.color(), errors);
        String description = description(input.description(), errors);
        if (existing.kind() == TagKind.SYSTEM) {
            if (!errors.isEmpty()) {
                throw ApiProblemException.invalid(errors);
            }
            store.update(id, existing.name(), color, description, existing.condition(), SegmentActor.name());
            return new Saved(get(id), null);
        }
        String name = name(input.name(), id, errors);
        if (input.kind() != null && !input.kind().equals(existing.kind().code())) {
            errors.add(new FieldError("kind", "cannot change; create a new tag instead"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        String condition = existing.kind() == TagKind.RULE
                ? ConditionJson.write(validator.parse(input.condition(), null)).toString() : null;
        if (condition != null && ConditionRefs.of(validator.parse(input.condition(), null)).tags().contains(id)) {
            throw ApiProblemException.invalid(List.of(ConditionProblem.TAG_SELF.at("condition", "a rule tag cannot refer to itself")));
        }
        store.update(id, name, color, description, condition, SegmentActor.name());
        return new Saved(get(id), existing.kind() == TagKind.RULE ? submitRefresh(id, name) : null);
    }

    @Transactional
    void delete(UUID id) {
        TagRow tag = get(id);
        if (tag.kind() == TagKind.SYSTEM) {
            throw ApiProblemException.conflict("System tags cannot be deleted");
        }
        List<String> users = jdbc.sql("SELECT name FROM segment WHERE strpos(condition::text, ?) > 0 UNION "
                        + "SELECT name FROM tag WHERE condition IS NOT NULL AND strpos(condition::text, ?) > 0 ORDER BY 1")
                .params(id.toString(), id.toString()).query(String.class).list();
        if (!users.isEmpty()) {
            throw ApiProblemException.conflict("Tag " + tag.name() + " is used by " + String.join(", ", users));
        }
        store.delete(id);
    }

    JobId submitRefresh(UUID id, String name) {
        return jobs.submit(new JobSubmission(SegmentRefreshJob.TYPE, "Refresh tag " + name, "{\"tagId\":\"" + id + "\"}", null));
    }

    /** Whom to tag or untag: listed customers, or every member of a segment. */
    record Selection(List<UUID> customerIds, UUID segmentId) {
    }

    record Applied(int changed, int unknown) {
    }

    @Transactional
    Applied apply(UUID id, Selection selection, boolean give) {
        TagRow tag = manual(id);
        if (selection == null || (selection.segmentId() == null) == (selection.customerIds() == null)) {
            throw ApiProblemException.invalid("customerIds", "give either customerIds or segmentId");
        }
        if (selection.segmentId() != null) {
            if (segments.find(selection.segmentId()).isEmpty()) {
                throw ApiProblemException.invalid("segmentId", "segment does not exist");
            }
            return new Applied(give ? store.giveSegment(tag.id(), selection.segmentId(), SegmentActor.name())
                    : store.takeSegment(tag.id(), selection.segmentId()), 0);
        }
        if (selection.customerIds().isEmpty() || selection.customerIds().size() > MAX_SELECTION) {
            throw ApiProblemException.invalid("customerIds", "must hold 1 to " + MAX_SELECTION + " ids");
        }
        Map<UUID, UUID> live = resolve(selection.customerIds());
        UUID[] who = live.values().stream().distinct().toArray(UUID[]::new);
        int changed = give ? store.give(tag.id(), who, "manual", SegmentActor.name()) : store.take(tag.id(), who);
        return new Applied(changed, selection.customerIds().size() - live.size());
    }

    record Rejected(int line, String value, String reason) {
    }

    record UploadResult(int lines, int tagged, int alreadyTagged, int rejectedCount, List<Rejected> rejected) {
    }

    /**
     * Tags the customers listed in an uploaded file: one customer id per line (first column of a CSV; a header line is
     * allowed). Good lines are tagged, bad ones reported with their line number.
     */
    @Transactional
    UploadResult upload(UUID id, InputStream file) {
        TagRow tag = manual(id);
        int lines = 0;
        int tagged = 0;
        int already = 0;
        int rejectedCount = 0;
        List<Rejected> rejected = new ArrayList<>();
        Map<Integer, UUID> chunk = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                String value = firstCell(line, lines == 1);
                if (value.isEmpty() || (lines == 1 && !looksLikeId(value))) {
                    continue;
                }
                try {
                    chunk.put(lines, UUID.fromString(value));
                } catch (IllegalArgumentException e) {
                    rejectedCount++;
                    report(rejected, new Rejected(lines, clip(value), "not a customer id"));
                }
                if (chunk.size() == UPLOAD_CHUNK) {
                    int[] r = tagChunk(tag.id(), chunk, rejected);
                    tagged += r[0];
                    already += r[1];
                    rejectedCount += r[2];
                    chunk.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!chunk.isEmpty()) {
            int[] r = tagChunk(tag.id(), chunk, rejected);
            tagged += r[0];
            already += r[1];
            rejectedCount += r[2];
        }
        return new UploadResult(lines, tagged, already, rejectedCount, rejected);
    }

    private int[] tagChunk(UUID tag, Map<Integer, UUID> chunk, List<Rejected> rejected) {
        Map<UUID, UUID> live = resolve(chunk.values());
        int unknown = 0;
        for (Map.Entry<Integer, UUID> e : chunk.entrySet()) {
            if (!live.containsKey(e.getValue())) {
                unknown++;
                report(rejected, new Rejected(e.getKey(), e.getValue().toString(), "no such customer"));
            }
        }
        UUID[] who = live.values().stream().distinct().toArray(UUID[]::new);
        int tagged = store.give(tag, who, "upload", SegmentActor.name());
        return new int[] {tagged, who.length - tagged, unknown};
    }

    private static void report(List<Rejected> rejected, Rejected r) {
        if (rejected.size() < MAX_REJECTS_REPORTED) {
            rejected.add(r);
        }
    }

    private static String firstCell(String line, boolean first) {
        String s = first && line.startsWith("\uFEFF") ? line.substring(1) : line;
        int comma = s.indexOf(',');
        s = comma >= 0 ? s.substring(0, comma) : s;
        s = s.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static boolean looksLikeId(String value) {
        return value.length() == 36 && value.charAt(8) == '-';
    }

    private static String clip(String value) {
        return value.length() > 100 ? value.substring(0, 100) : value;
    }

    @Transactional
    void tagCustomer(UUID customer, UUID tagId, boolean give) {
        TagRow tag = manual(tagId);
        UUID live = resolve(List.of(customer)).get(customer);
        if (live == null) {
            throw ApiProblemException.notFound("Customer", customer);
        }
        if (give) {
            store.give(tag.id(), new UUID[] {live}, "manual", SegmentActor.name());
        } else {
            store.take(tag.id(), new UUID[] {live});
        }
    }

    /** Gives a manual tag to one customer (or their survivor) for another module; false if already held. */
    boolean giveOne(UUID tagId, UUID customer, String source, String actor) {
        TagRow tag = manual(tagId);
        UUID live = resolve(List.of(customer)).get(customer);
        if (live == null) {
            throw ApiProblemException.notFound("Customer", customer);
        }
        return store.give(tag.id(), new UUID[] {live}, source, actor) > 0;
    }

    /** Takes a manual tag from one customer (or their survivor); false if not held. */
    boolean takeOne(UUID tagId, UUID customer) {
        TagRow tag = manual(tagId);
        UUID live = resolve(List.of(customer)).get(customer);
        return live != null && store.take(tag.id(), new UUID[] {live}) > 0;
    }

    List<TagStore.HeldTag> heldBy(UUID customer) {
        UUID live = resolve(List.of(customer)).get(customer);
        if (live == null) {
            throw ApiProblemException.notFound("Customer", customer);
        }
        return store.tagsOf(live);
    }

    @Override
    public List<CustomerTags.Tag> tagsOf(CustomerId customer) {
        return store.tagsOf(customer.value()).stream()
                .map(t -> new CustomerTags.Tag(t.id(), t.name(), t.kind().code(), t.color(), t.source(), t.taggedAt()))
                .toList();
    }

    private TagRow manual(UUID id) {
        TagRow tag = get(id);
        if (tag.kind() != TagKind.MANUAL) {
            throw ApiProblemException.conflict("Tag " + tag.name() + " follows its condition; only manual tags are given by hand");
        }
        return tag;
    }

    /** Live customers for the given ids (a merged-away id stands for its survivor); unknown ids are left out. */
    private Map<UUID, UUID> resolve(Collection<UUID> ids) {
        Map<UUID, UUID> out = new HashMap<>();
        List<UUID> merged = new ArrayList<>();
        jdbc.sql("SELECT id, merged_into IS NULL FROM customer WHERE id = ANY (?)").param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    if (rs.getBoolean(2)) {
                        out.put(id, id);
                    } else {
                        merged.add(id);
                    }
                });
        for (UUID id : merged) {
            customers.survivorOf(new CustomerId(id)).ifPresent(s -> out.put(id, s.value()));
        }
        return out;
    }

    private String name(String name, UUID self, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
            return null;
        }
        String n = name.strip();
        if (n.length() > MAX_NAME) {
            errors.add(new FieldError("name", "at most " + MAX_NAME + " characters"));
        } else if (store.nameTaken(n, self)) {
            errors.add(new FieldError("name", "another tag has this name"));
        }
        return n;
    }

    private static String color(String color, List<FieldError> errors) {
        if (color == null || color.isBlank()) {
            return null;
        }
        if (!COLOR.matcher(color.strip()).matches()) {
            errors.add(new FieldError("color", "must be a colour like #1677ff"));
        }
        return color.strip();
    }

    private static String description(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        return description == null || description.isBlank() ? null : description.strip();
    }
}
