package io.liuliang.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * A journey's definition: how customers enter, how often they may re-enter, its limits and goal, and the graph of
 * nodes and edges they travel. Parsed and validated by {@link DefinitionParser}; immutable once a version is
 * published.
 */
record JourneyDefinition(Entry entry, Reentry reentry, Integer enrolmentLimit, Instant startsAt, Instant endsAt,
                         Goal goal, int conversionWindowDays, List<Node> nodes, List<Edge> edges) {

    static final int DEFAULT_CONVERSION_WINDOW_DAYS = 7;

    JourneyDefinition {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The node with this id. */
    Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    Map<String, Node> nodesById() {
        return nodes.stream().collect(Collectors.toMap(Node::id, Function.identity(), (a, b) -> a));
    }

    /** The entry node (a valid definition has exactly one). */
    Node entryNode() {
        return nodes.stream().filter(n -> n.type() == NodeType.ENTRY).findFirst()
                .orElseThrow(() -> new IllegalStateException("definition without an entry node"));
    }

    /** How customers enter. Fields that do not apply to the kind are null. */
    record Entry(EntryKind kind, String eventType, String customName, List<PropertyFilter> filters, UUID templateId,
                 String change, String toTier, String toStage, UUID segmentId, Instant sendAt, Recurrence recurrence) {

        Entry {
            filters = filters == null ? List.of() : List.copyOf(filters);
        }
    }

    /** A filter on an event's properties: {@code properties[property] operator value}. */
    record PropertyFilter(String property, FilterOperator operator, String value) {
    }

    /** Re-entry: once ever, at most once per {@code days}, or every time the trigger fires. */
    record Reentry(ReentryRule rule, Integer days) {
    }

    /** The goal: placing an order converts the enrolment (and ends it when {@code exitOnGoal}). */
    record Goal(GoalKind kind, boolean exitOnGoal) {
    }

    record Position(double x, double y) {
    }

    /** One node of the graph. */
    record Node(String id, NodeType type, String label, Position position, NodeConfig config) {

        /** The node's output handles, in display order. */
        List<String> outputs() {
            return config.outputs(type);
        }
    }

    /** An edge from a node's output handle to another node. */
    record Edge(String id, String source, String sourceHandle, String target) {
    }

    /** A node's configuration; its record fixes what the node does. */
    sealed interface NodeConfig {

        /** The output handles of a node with this configuration. */
        default List<String> outputs(NodeType type) {
            return type.fixedOutputs();
        }
    }

    record NoConfig() implements NodeConfig {
    }

    /** Wait for a duration, until a time of day (merchant zone), or until an event (with a timeout). */
    record WaitConfig(WaitMode mode, Integer minutes, String time, String eventType, String customName,
                      List<PropertyFilter> filters, Integer timeoutMinutes) implements NodeConfig {

        static final String EVENT = "event";
        static final String TIMEOUT = "timeout";

        WaitConfig {
            filters = filters == null ? List.of() : List.copyOf(filters);
        }

        @Override
        public List<String> outputs(NodeType type) {
            return mode == WaitMode.EVENT ? List.of(EVENT, TIMEOUT) : List.of(NodeType.NEXT);
        }
    }

    /** A segment condition (the segments' condition JSON) evaluated when the customer arrives. */
    record ConditionConfig(JsonNode condition) implements NodeConfig {
    }

    /** A random split, stable per customer: variants with percentages and a holdout that leaves the journey. */
    record SplitConfig(List<Variant> variants, int holdoutPercent) implements NodeConfig {

        static final String VARIANT_PREFIX = "variant:";
        static final String HOLDOUT = "holdout";

        SplitConfig {
            variants = List.copyOf(variants);
        }

        @Override
        public List<String> outputs(NodeType type) {
            return variants.stream().map(v -> VARIANT_PREFIX + v.key()).toList();
        }
    }

    record Variant(String key, int percent) {
    }

    /** An action that refers to another module's object: a message template, a coupon template, a tag. */
    record RefConfig(UUID ref) implements NodeConfig {
    }

    record PointsConfig(long points, String reason) implements NodeConfig {
    }

    record FieldConfig(CustomerField field, String value) implements NodeConfig {
    }

    record TaskConfig(String title, String description, String assignee, int dueInHours) implements NodeConfig {
    }

    record WebhookConfig(String url, String secret) implements NodeConfig {
    }
}
