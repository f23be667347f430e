package io.liuliang.journey;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.liuliang.journey.JourneyDefinition.ConditionConfig;
import io.liuliang.journey.JourneyDefinition.Edge;
import io.liuliang.journey.JourneyDefinition.Entry;
import io.liuliang.journey.JourneyDefinition.FieldConfig;
import io.liuliang.journey.JourneyDefinition.Goal;
import io.liuliang.journey.JourneyDefinition.NoConfig;
import io.liuliang.journey.JourneyDefinition.Node;
import io.liuliang.journey.JourneyDefinition.NodeConfig;
import io.liuliang.journey.JourneyDefinition.PointsConfig;
import io.liuliang.journey.JourneyDefinition.Position;
import io.liuliang.journey.JourneyDefinition.PropertyFilter;
import io.liuliang.journey.JourneyDefinition.RefConfig;
import io.liuliang.journey.JourneyDefinition.Reentry;
import io.liuliang.journey.JourneyDefinition.SplitConfig;
import io.liuliang.journey.JourneyDefinition.TaskConfig;
import io.liuliang.journey.JourneyDefinition.Variant;
import io.liuliang.journey.JourneyDefinition.WaitConfig;
import io.liuliang.journey.JourneyDefinition.WebhookConfig;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Reads a definition from its JSON and checks it: every field of every node, and the graph (one entry, every output
 * connected, every node reachable, no cycles). A broken field is reported with its path ({@code nodes[n3].config.
 * templateId}) and replaced by a neutral value, so one pass reports every error at once.
 */
final class DefinitionParser {

    static final int MAX_NODES = 200;
    static final int MAX_TEXT = 200;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_WAIT_MINUTES = 366 * 24 * 60;
    static final int MAX_REENTRY_DAYS = 3_650;
    static final int MAX_WINDOW_DAYS = 90;
    static final int MAX_TASK_HOURS = 24 * 90;
    static final long MAX_POINTS = 1_000_000;
    static final int MAX_FILTERS = 10;
    static final int PERCENT = 100;
    private static final Pattern NODE_ID = Pattern.compile("^[A-Za-z0-9_-]{1,40}$");
    private static final Pattern VARIANT_KEY = Pattern.compile("^[A-Z]$");
    private static final Pattern PROPERTY = Pattern.compile("^[A-Za-z0-9_.\\-]{1,64}$");
    private static final Pattern CUSTOM_NAME = Pattern.compile("^[A-Za-z0-9_.:\\-]{1,64}$");
    /** Behaviour event types a journey may enter on or wait for, plus {@code order_placed} for waits. */
    static final Set<String> EVENT_TYPES = Set.of("page_view", "product_view", "search", "add_to_cart",
            "remove_from_cart", "favorite", "checkout_started", "coupon_received", "live_view", "review", "share",
            "custom");
    static final String ORDER_PLACED = "order_placed";
    static final String COUPON_REDEEMED = "coupon_redeemed";
    static final Set<String> TIER_CHANGES = Set.of("upgraded", "downgraded", "at_risk");
    static final Set<String> STAGES = Set.of("prospect", "new", "active", "at_risk", "dormant", "lost");

    private final List<FieldError> errors = new ArrayList<>();

    private DefinitionParser() {
    }

    /** The parsed definition and every error found; the definition is usable only when there are none. */
    record Parsed(JourneyDefinition definition, List<FieldError> errors) {

        Parsed {
            errors = List.copyOf(errors);
        }

        boolean valid() {
            return errors.isEmpty();
        }
    }

    static Parsed parse(JsonNode json) {
        DefinitionParser p = new DefinitionParser();
        JourneyDefinition d = p.definition(json);
        if (p.errors.stream().noneMatch(e -> e.field().equals("definition") || e.field().equals("nodes"))) {
            // the graph is checked even when some fields are wrong, so one validation reports everything
            p.graph(d);
        }
        return new Parsed(d, p.errors);
    }

    private JourneyDefinition definition(JsonNode json) {
        if (json == null || !json.isObject()) {
            error("definition", JourneyProblem.DEFINITION_OBJECT, "must be an object with entry, nodes and edges");
            return new JourneyDefinition(emptyEntry(), new Reentry(ReentryRule.ONCE, null), null, null, null, null,
                    JourneyDefinition.DEFAULT_CONVERSION_WINDOW_DAYS, List.of(), List.of());
        }
        Entry entry = entry(json.get("entry"));
        Reentry reentry = reentry(json.get("reentry"));
        Integer limit = optionalInt(json.get("enrolmentLimit"), "enrolmentLimit", 1, Integer.MAX_VALUE);
        Instant startsAt = instant(json.get("startsAt"), "startsAt");
        Instant endsAt = instant(json.get("endsAt"), "endsAt");
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            error("endsAt", JourneyProblem.END_BEFORE_START, "must be after startsAt");
        }
        Goal goal = goal(json.get("goal"));
        Integer window = optionalInt(json.get("conversionWindowDays"), "conversionWindowDays", 1, MAX_WINDOW_DAYS);
        List<Node> nodes = nodes(json.get("nodes"));
        List<Edge> edges = edges(json.get("edges"));
        return new JourneyDefinition(entry, reentry, limit, startsAt, endsAt, goal,
                window == null ? JourneyDefinition.DEFAULT_CONVERSION_WINDOW_DAYS : window, nodes, edges);
    }

    private static Entry emptyEntry() {
        return new Entry(EntryKind.API, null, null, List.of(), null, null, null, null, null, null, null);
    }

    private Entry entry(JsonNode json) {
        if (json == null || !json.isObject()) {
            error("entry", JourneyProblem.ENTRY_REQUIRED, "is required: how customers enter the journey");
            return emptyEntry();
        }
        EntryKind kind = enumValue(EntryKind.class, json.get("kind"), "entry.kind", true);
        if (kind == null) {
            return emptyEntry();
        }
        String eventType = null;
        String customName = null;
        List<PropertyFilter> filters = List.of();
        UUID templateId = null;
        String change = null;
        String toTier = null;
        String toStage = null;
        UUID segmentId = null;
        Instant sendAt = null;
        Recurrence recurrence = null;
        switch (kind) {
            case EVENT -> {
                eventType = eventType(json.get("eventType"), "entry.eventType", false);
                customName = customName(eventType, json.get("customName"), "entry.customName");
                filters = filters(json.get("filters"), "entry.filters");
            }
            case COUPON_ISSUED, COUPON_EXPIRING -> templateId = optionalUuid(json.get("templateId"), "entry.templateId");
            case TIER_CHANGED -> {
                change = optionalChoice(json.get("change"), "entry.change", TIER_CHANGES);
                toTier = optionalText(json.get("toTier"), "entry.toTier", MAX_TEXT);
            }
            case LIFECYCLE_CHANGED -> toStage = optionalChoice(json.get("to"), "entry.to", STAGES);
            case SEGMENT_ENTERED -> segmentId = requiredUuid(json.get("segmentId"), "entry.segmentId");
            case SEGMENT_SEND -> {
                segmentId = requiredUuid(json.get("segmentId"), "entry.segmentId");
                sendAt = instant(json.get("sendAt"), "entry.sendAt");
                Recurrence r = json.get("recurrence") == null || json.get("recurrence").isNull() ? Recurrence.NONE
                        : enumValue(Recurrence.class, json.get("recurrence"), "entry.recurrence", true);
                recurrence = r == null ? Recurrence.NONE : r;
            }
            default -> {
            }
        }
        return new Entry(kind, eventType, customName, filters, templateId, change, toTier, toStage, segmentId, sendAt,
                recurrence);
    }

    private Reentry reentry(JsonNode json) {
        if (json == null || json.isNull()) {
            return new Reentry(ReentryRule.ONCE, null);
        }
        ReentryRule rule = enumValue(ReentryRule.class, json.get("rule"), "reentry.rule", true);
        Integer days = optionalInt(json.get("days"), "reentry.days", 1, MAX_REENTRY_DAYS);
        if (rule == ReentryRule.ONCE_PER_DAYS && days == null) {
            error("reentry.days", JourneyProblem.REENTRY_DAYS_REQUIRED, "is required for once_per_days");
        }
        return new Reentry(rule == null ? ReentryRule.ONCE : rule, rule == ReentryRule.ONCE_PER_DAYS ? days : null);
    }

    private Goal goal(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        GoalKind kind = enumValue(GoalKind.class, json.get("kind"), "goal.kind", true);
        JsonNode exit = json.get("exitOnGoal");
        return kind == null ? null : new Goal(kind, exit == null || exit.isNull() || exit.asBoolean());
    }

    private List<Node> nodes(JsonNode json) {
        if (json == null || !json.isArray() || json.isEmpty()) {
            error("nodes", JourneyProblem.NODES_REQUIRED, "must list the journey's nodes, starting with one entry node");
            return List.of();
        }
        if (json.size() > MAX_NODES) {
            error("nodes", JourneyProblem.NODES_MAX, "at most " + MAX_NODES + " nodes", "max", MAX_NODES);
        }
        List<Node> nodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode n = json.get(i);
            String id = n.path("id").isString() ? n.path("id").asString() : null;
            String path = id != null && NODE_ID.matcher(id).matches() ? "nodes[" + id + "]" : "nodes[" + i + "]";
            if (id == null || !NODE_ID.matcher(id).matches()) {
                error(path + ".id", JourneyProblem.NODE_ID, "is required: 1 to 40 letters, digits, - or _");
                continue;
            }
            if (!ids.add(id)) {
                error(path + ".id", JourneyProblem.NODE_ID_TAKEN, "is used by another node");
                continue;
            }
            NodeType type = enumValue(NodeType.class, n.get("type"), path + ".type", true);
            if (type == null) {
                continue;
            }
            String label = optionalText(n.get("label"), path + ".label", MAX_TEXT);
            JsonNode pos = n.get("position");
            Position position = pos != null && pos.isObject()
                    ? new Position(pos.path("x").asDouble(0), pos.path("y").asDouble(0)) : new Position(0, 0);
            JsonNode config = n.get("config");
            nodes.add(new Node(id, type, label, position,
                    config(type, config == null || config.isNull() ? null : config, path + ".config")));
        }
        return nodes;
    }

    private NodeConfig config(NodeType type, JsonNode c, String path) {
        JsonNode json = c == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : c;
        switch (type) {
            case WAIT:
                return waitConfig(json, path);
            case CONDITION: {
                JsonNode condition = json.get("condition");
                if (condition == null || !condition.isObject()) {
                    error(path + ".condition", JourneyProblem.CONDITION_REQUIRED, "is required: the condition customers are tested against");
                }
                return new ConditionConfig(condition);
            }
            case SPLIT:
                return split(json, path);
            case SEND_MESSAGE:
            case ISSUE_COUPON:
            case ADD_TAG:
            case REMOVE_TAG: {
                String field = type == NodeType.ADD_TAG || type == NodeType.REMOVE_TAG ? "tagId" : "templateId";
                return new RefConfig(requiredUuid(json.get(field), path + "." + field));
            }
            case ADJUST_POINTS: {
                Long points = json.get("points") != null && json.get("points").canConvertToLong()
                        && json.get("points").isIntegralNumber() ? json.get("points").asLong() : null;
                if (points == null || points == 0 || Math.abs(points) > MAX_POINTS) {
                    error(path + ".points", JourneyProblem.POINTS_NON_ZERO,
                            "must be a non-zero whole number of points (at most " + MAX_POINTS + ")", "max", MAX_POINTS);
                }
                String reason = requiredText(json.get("reason"), path + ".reason", MAX_TEXT);
                return new PointsConfig(points == null ? 0 : points, reason);
            }
            case UPDATE_FIELD: {
                CustomerField field = enumValue(CustomerField.class, json.get("field"), path + ".field", true);
                String value = requiredText(json.get("value"), path + ".value", MAX_TEXT);
                return new FieldConfig(field, value);
            }
            case CREATE_TASK: {
                String title = requiredText(json.get("title"), path + ".title", MAX_TEXT);
                String description = optionalText(json.get("description"), path + ".description", MAX_DESCRIPTION);
                String assignee = optionalText(json.get("assignee"), path + ".assignee", MAX_TEXT);
                Integer hours = optionalInt(json.get("dueInHours"), path + ".dueInHours", 1, MAX_TASK_HOURS);
                return new TaskConfig(title, description, assignee, hours == null ? 24 : hours);
            }
            case WEBHOOK: {
                String url = requiredText(json.get("url"), path + ".url", MAX_TEXT * 5);
                if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
                    error(path + ".url", JourneyProblem.HTTP, "must be an http(s) URL");
                } else if (url != null) {
                    try {
                        java.net.URI.create(url).toURL();
                    } catch (IllegalArgumentException | java.net.MalformedURLException e) {
                        error(path + ".url", JourneyProblem.URL, "is not a valid URL");
                    }
                }
                String secret = optionalText(json.get("secret"), path + ".secret", MAX_TEXT);
                return new WebhookConfig(url, secret);
            }
            default:
                return new NoConfig();
        }
    }

    private WaitConfig waitConfig(JsonNode json, String path) {
        WaitMode mode = enumValue(WaitMode.class, json.get("mode"), path + ".mode", true);
        if (mode == null) {
            return new WaitConfig(WaitMode.DURATION, 1, null, null, null, List.of(), null);
        }
        switch (mode) {
            case DURATION: {
                Integer minutes = optionalInt(json.get("minutes"), path + ".minutes", 1, MAX_WAIT_MINUTES);
                if (minutes == null && json.get("minutes") == null) {
                    error(path + ".minutes", JourneyProblem.MINUTES_REQUIRED, "is required: how long to wait");
                }
                return new WaitConfig(mode, minutes == null ? 1 : minutes, null, null, null, List.of(), null);
            }
            case TIME_OF_DAY: {
                String time = requiredText(json.get("time"), path + ".time", 5);
                if (time != null) {
                    try {
                        LocalTime.parse(time);
                    } catch (DateTimeParseException e) {
                        error(path + ".time", JourneyProblem.TIME, "must be a time of day as HH:mm");
                        time = null;
                    }
                }
                return new WaitConfig(mode, null, time == null ? "00:00" : time, null, null, List.of(), null);
            }
            default: {
                String eventType = eventType(json.get("eventType"), path + ".eventType", true);
                String customName = customName(eventType, json.get("customName"), path + ".customName");
                List<PropertyFilter> filters = filters(json.get("filters"), path + ".filters");
                Integer timeout = optionalInt(json.get("timeoutMinutes"), path + ".timeoutMinutes", 1, MAX_WAIT_MINUTES);
                if (timeout == null && json.get("timeoutMinutes") == null) {
                    error(path + ".timeoutMinutes", JourneyProblem.TIMEOUT_REQUIRED, "is required: how long to wait for the event");
                }
                return new WaitConfig(mode, null, null, eventType, customName, filters, timeout == null ? 1 : timeout);
            }
        }
    }

    private SplitConfig split(JsonNode json, String path) {
        JsonNode vs = json.get("variants");
        List<Variant> variants = new ArrayList<>();
        int total = 0;
        if (vs == null || !vs.isArray() || vs.isEmpty()) {
            error(path + ".variants", JourneyProblem.VARIANTS_MIN, "must list at least one variant");
        } else {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < vs.size(); i++) {
                JsonNode v = vs.get(i);
                String key = v.path("key").isString() ? v.path("key").asString() : null;
                if (key == null || !VARIANT_KEY.matcher(key).matches()) {
                    error(path + ".variants[" + i + "].key", JourneyProblem.VARIANT_KEY, "must be one capital letter (A, B, ...)");
                    continue;
                }
                if (!keys.add(key)) {
                    error(path + ".variants[" + i + "].key", JourneyProblem.VARIANT_KEY_TAKEN, "is used by another variant");
                    continue;
                }
                Integer percent = optionalInt(v.get("percent"), path + ".variants[" + i + "].percent", 1, PERCENT);
                if (percent == null) {
                    if (v.get("percent") == null) {
                        error(path + ".variants[" + i + "].percent", JourneyProblem.REQUIRED, "is required");
                    }
                    continue;
                }
                total += percent;
                variants.add(new Variant(key, percent));
            }
        }
        Integer holdout = optionalInt(json.get("holdoutPercent"), path + ".holdoutPercent", 0, PERCENT - 1);
        int h = holdout == null ? 0 : holdout;
        if (!variants.isEmpty() && total + h != PERCENT) {
            error(path + ".variants", JourneyProblem.PERCENT_SUM,
                    "the variants' percentages and the holdout must add up to 100 (now " + (total + h) + ")", "sum", total + h);
        }
        return new SplitConfig(variants, h);
    }

    private List<Edge> edges(JsonNode json) {
        if (json == null || json.isNull()) {
            return List.of();
        }
        if (!json.isArray()) {
            error("edges", JourneyProblem.EDGES_LIST, "must be a list");
            return List.of();
        }
        List<Edge> edges = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode e = json.get(i);
            String id = e.path("id").isString() ? e.path("id").asString() : "e" + i;
            String path = "edges[" + id + "]";
            if (!ids.add(id)) {
                error(path + ".id", JourneyProblem.EDGE_ID_TAKEN, "is used by another edge");
                continue;
            }
            String source = e.path("source").isString() ? e.path("source").asString() : null;
            String target = e.path("target").isString() ? e.path("target").asString() : null;
            String handle = e.path("sourceHandle").isString() ? e.path("sourceHandle").asString() : NodeType.NEXT;
            if (source == null) {
                error(path + ".source", JourneyProblem.REQUIRED, "is required");
            }
            if (target == null) {
                error(path + ".target", JourneyProblem.REQUIRED, "is required");
            }
            if (source != null && target != null) {
                edges.add(new Edge(id, source, handle, target));
            }
        }
        return edges;
    }

    /** The graph's rules: one entry, known ends and handles, every output connected once, reachable, acyclic. */
    private void graph(JourneyDefinition d) {
        Map<String, Node> byId = new LinkedHashMap<>();
        d.nodes().forEach(n -> byId.put(n.id(), n));
        long entries = d.nodes().stream().filter(n -> n.type() == NodeType.ENTRY).count();
        if (entries != 1) {
            String message = "must have exactly one entry node (has " + entries + ")";
            if (entries == 0) {
                error("nodes", JourneyProblem.ENTRY_MISSING, message);
            } else {
                error("nodes", JourneyProblem.ENTRY_TWICE, message, "count", entries);
            }
        }
        Map<String, List<String>> next = new HashMap<>();
        Map<String, Set<String>> used = new HashMap<>();
        for (Edge e : d.edges()) {
            String path = "edges[" + e.id() + "]";
            Node source = byId.get(e.source());
            Node target = byId.get(e.target());
            if (source == null) {
                error(path + ".source", JourneyProblem.EDGE_NODE, "node " + e.source() + " does not exist", "node", e.source());
                continue;
            }
            if (target == null) {
                error(path + ".target", JourneyProblem.EDGE_NODE, "node " + e.target() + " does not exist", "node", e.target());
                continue;
            }
            if (target.type() == NodeType.ENTRY) {
                error(path + ".target", JourneyProblem.EDGE_INTO_ENTRY, "nothing may lead into the entry node");
                continue;
            }
            if (!source.outputs().contains(e.sourceHandle())) {
                error(path + ".sourceHandle", JourneyProblem.EDGE_HANDLE, "node " + source.id() + " has no output " + e.sourceHandle()
                        + (source.outputs().isEmpty() ? " (an exit has no outputs)" : " (it has " + String.join(", ", source.outputs()) + ")"),
                        "handle", e.sourceHandle(), "node", source.id(), "outputs", String.join(", ", source.outputs()));
                continue;
            }
            if (!used.computeIfAbsent(source.id(), k -> new HashSet<>()).add(e.sourceHandle())) {
                error(path + ".sourceHandle", JourneyProblem.HANDLE_TWICE, "output " + e.sourceHandle() + " of node " + source.id()
                        + " is already connected", "handle", e.sourceHandle(), "node", source.id());
                continue;
            }
            next.computeIfAbsent(source.id(), k -> new ArrayList<>()).add(target.id());
        }
        for (Node n : d.nodes()) {
            for (String out : n.outputs()) {
                if (!used.getOrDefault(n.id(), Set.of()).contains(out)) {
                    error("nodes[" + n.id() + "]", JourneyProblem.DEAD_END, "has no outgoing edge for " + out
                            + " (every path must end in an exit node)", "handle", out);
                }
            }
        }
        d.nodes().stream().filter(n -> n.type() == NodeType.ENTRY).findFirst().ifPresent(entry -> {
            Set<String> seen = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of(entry.id()));
            while (!queue.isEmpty()) {
                String id = queue.poll();
                if (seen.add(id)) {
                    queue.addAll(next.getOrDefault(id, List.of()));
                }
            }
            for (Node n : d.nodes()) {
                if (!seen.contains(n.id())) {
                    error("nodes[" + n.id() + "]", JourneyProblem.UNREACHABLE, "cannot be reached from the entry");
                }
            }
        });
        cycles(d, next);
    }

    private void cycles(JourneyDefinition d, Map<String, List<String>> next) {
        Map<String, Integer> state = new HashMap<>();
        for (Node n : d.nodes()) {
            if (!state.containsKey(n.id()) && visit(n.id(), next, state)) {
                return;
            }
        }
    }

    /** Depth-first search (1 = on the path, 2 = done); reports the first edge that closes a cycle. */
    private boolean visit(String id, Map<String, List<String>> next, Map<String, Integer> state) {
        state.put(id, 1);
        for (String to : next.getOrDefault(id, List.of())) {
            Integer s = state.get(to);
            if (s != null && s == 1) {
                error("nodes[" + to + "]", JourneyProblem.CYCLE, "is part of a loop (" + id + " leads back to it); journeys must not loop",
                        "from", id);
                return true;
            }
            if (s == null && visit(to, next, state)) {
                return true;
            }
        }
        state.put(id, 2);
        return false;
    }

    private String eventType(JsonNode json, String path, boolean orderPlacedAllowed) {
        String type = json != null && json.isString() ? json.asString() : null;
        boolean happening = ORDER_PLACED.equals(type) || COUPON_REDEEMED.equals(type);
        if (type == null || !(EVENT_TYPES.contains(type) || orderPlacedAllowed && happening)) {
            String choices = String.join(", ", new java.util.TreeSet<>(EVENT_TYPES))
                    + (orderPlacedAllowed ? ", " + ORDER_PLACED + ", " + COUPON_REDEEMED : "");
            error(path, JourneyProblem.EVENT_TYPE, "must be one of " + choices, "choices", choices);
            return null;
        }
        return type;
    }

    private String customName(String eventType, JsonNode json, String path) {
        if (!"custom".equals(eventType)) {
            return null;
        }
        String name = json != null && json.isString() ? json.asString() : null;
        if (name == null || !CUSTOM_NAME.matcher(name).matches()) {
            error(path, JourneyProblem.CUSTOM_NAME, "is required for a custom event: 1 to 64 letters, digits, . _ : -");
            return null;
        }
        return name;
    }

    private List<PropertyFilter> filters(JsonNode json, String path) {
        if (json == null || json.isNull()) {
            return List.of();
        }
        if (!json.isArray() || json.size() > MAX_FILTERS) {
            error(path, JourneyProblem.FILTERS_MAX, "must be a list of at most " + MAX_FILTERS + " filters", "max", MAX_FILTERS);
            return List.of();
        }
        List<PropertyFilter> filters = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode f = json.get(i);
            String p = path + "[" + i + "]";
            String property = f.path("property").isString() ? f.path("property").asString() : null;
            if (property == null || !PROPERTY.matcher(property).matches()) {
                error(p + ".property", JourneyProblem.PROPERTY, "must be a property name (letters, digits, . _ -)");
                continue;
            }
            FilterOperator op = enumValue(FilterOperator.class, f.get("operator"), p + ".operator", true);
            if (op == null) {
                continue;
            }
            JsonNode v = f.get("value");
            String value = v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : null;
            if (op != FilterOperator.EXISTS && (value == null || value.length() > MAX_TEXT)) {
                error(p + ".value", JourneyProblem.FILTER_VALUE, "is required (a text or a number, at most " + MAX_TEXT + " characters)",
                        "max", MAX_TEXT);
                continue;
            }
            if (isNumeric(op) && value != null && !isNumber(value)) {
                error(p + ".value", JourneyProblem.NUMBER, "must be a number for " + op.code(), "operator", op.code());
                continue;
            }
            filters.add(new PropertyFilter(property, op, value));
        }
        return filters;
    }

    static boolean isNumeric(FilterOperator op) {
        return op == FilterOperator.GT || op == FilterOperator.GTE || op == FilterOperator.LT || op == FilterOperator.LTE;
    }

    static boolean isNumber(String s) {
        try {
            new java.math.BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode json, String path, boolean required) {
        if (json == null || json.isNull()) {
            if (required) {
                error(path, JourneyProblem.REQUIRED_ONE_OF, "is required: one of " + JourneyEnums.codes(type), "choices",
                        JourneyEnums.codes(type));
            }
            return null;
        }
        E e = json.isString() ? JourneyEnums.ofCode(type, json.asString()).orElse(null) : null;
        if (e == null) {
            error(path, JourneyProblem.ONE_OF, "must be one of " + JourneyEnums.codes(type), "choices", JourneyEnums.codes(type));
        }
        return e;
    }

    private Integer optionalInt(JsonNode json, String path, int min, int max) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isIntegralNumber() || !json.canConvertToInt() || json.asInt() < min || json.asInt() > max) {
            error(path, JourneyProblem.RANGE, "must be a whole number from " + min + " to " + max, "min", min, "max", max);
            return null;
        }
        return json.asInt();
    }

    private Instant instant(JsonNode json, String path) {
        if (json == null || json.isNull()) {
            return null;
        }
        try {
            return Instant.parse(json.asString());
        } catch (DateTimeParseException e) {
            error(path, JourneyProblem.INSTANT, "must be an ISO-8601 instant such as 2026-12-24T02:00:00Z");
            return null;
        }
    }

    private UUID requiredUuid(JsonNode json, String path) {
        UUID id = optionalUuid(json, path);
        if (id == null && (json == null || json.isNull())) {
            error(path, JourneyProblem.REQUIRED, "is required");
        }
        return id;
    }

    private UUID optionalUuid(JsonNode json, String path) {
        if (json == null || json.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(json.asString());
        } catch (IllegalArgumentException e) {
            error(path, JourneyProblem.ID, "must be an id (UUID)");
            return null;
        }
    }

    private String requiredText(JsonNode json, String path, int max) {
        String s = optionalText(json, path, max);
        if (s == null && (json == null || json.isNull() || json.isString())) {
            error(path, JourneyProblem.REQUIRED, "is required");
        }
        return s;
    }

    private String optionalText(JsonNode json, String path, int max) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isString()) {
            error(path, JourneyProblem.TEXT, "must be a text");
            return null;
        }
        String s = json.asString().trim();
        if (s.length() > max) {
            error(path, JourneyProblem.MAX_LENGTH, "at most " + max + " characters", "max", max);
            return null;
        }
        return s.isEmpty() ? null : s;
    }

    private String optionalChoice(JsonNode json, String path, Set<String> choices) {
        String s = optionalText(json, path, MAX_TEXT);
        if (s != null && !choices.contains(s)) {
            String all = String.join(", ", new java.util.TreeSet<>(choices));
            error(path, JourneyProblem.ONE_OF, "must be one of " + all, "choices", all);
            return null;
        }
        return s;
    }

    /** Reports a problem at a field: its English message and the values of its wording (name, value, ...). */
    private void error(String field, JourneyProblem problem, String message, Object... params) {
        errors.add(problem.at(field, message, params));
    }
}
