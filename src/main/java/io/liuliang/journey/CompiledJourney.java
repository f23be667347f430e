package io.liuliang.journey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.liuliang.journey.JourneyDefinition.Edge;
import io.liuliang.journey.JourneyDefinition.Node;

/** A published version ready to run: its definition with nodes and edges indexed. Immutable. */
record CompiledJourney(UUID journeyId, int version, Instant publishedAt, JourneyDefinition definition,
                       Map<String, Node> nodes, Map<String, String> next) {

    CompiledJourney {
        nodes = Map.copyOf(nodes);
        next = Map.copyOf(next);
    }

    static CompiledJourney of(UUID journeyId, int version, Instant publishedAt, JourneyDefinition definition) {
        Map<String, String> next = new HashMap<>();
        for (Edge e : definition.edges()) {
            next.put(key(e.source(), e.sourceHandle()), e.target());
        }
        return new CompiledJourney(journeyId, version, publishedAt, definition, definition.nodesById(), next);
    }

    Node node(String id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalStateException("journey " + journeyId + " v" + version + " has no node " + id);
        }
        return n;
    }

    /** The node an output leads to (a published version connects every output). */
    String target(String nodeId, String handle) {
        return Optional.ofNullable(next.get(key(nodeId, handle))).orElseThrow(() -> new IllegalStateException(
                "journey " + journeyId + " v" + version + ": output " + handle + " of " + nodeId + " leads nowhere"));
    }

    String entryNodeId() {
        return definition.entryNode().id();
    }

    JourneyDefinition.Entry entry() {
        return definition.entry();
    }

    private static String key(String node, String handle) {
        return node + '\u0000' + handle;
    }
}
