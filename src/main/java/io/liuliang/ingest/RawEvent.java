package io.liuliang.ingest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One item of an event request as sent, before validation: its scalar fields as text (numbers and booleans as their
 * text; objects, arrays, null and blanks as absent; surrounding blanks stripped), its properties as JSON text, and the
 * {@code customer} object (identities and traits) as a tree, for the rarer events that name identities.
 *
 * @param object     false when the item is not a JSON object (every other field is then null)
 * @param properties the {@code properties} object as JSON text, or null when absent or null
 * @param propertiesNotObject {@code properties} was there but is not an object
 * @param customer   the {@code customer} object, or null
 */
record RawEvent(boolean object, String eventId, String type, String name, String occurredAt, String shopId,
                String customerId, String anonymousId, String properties, boolean propertiesNotObject,
                JsonNode customer) {

    static final RawEvent NOT_AN_OBJECT = new RawEvent(false, null, null, null, null, null, null, null, null, false, null);

    /** The same fields read from a tree (the demo loader builds its events as trees). */
    static RawEvent of(JsonNode node, JsonMapper json) {
        if (node == null || !node.isObject()) {
            return NOT_AN_OBJECT;
        }
        JsonNode props = node.get("properties");
        boolean hasProperties = props != null && !props.isNull();
        JsonNode customer = node.get("customer");
        return new RawEvent(true, text(node, "eventId"), text(node, "type"), text(node, "name"), text(node, "occurredAt"),
                text(node, "shopId"), text(node, "customerId"), text(node, "anonymousId"),
                hasProperties && props.isObject() ? json.writeValueAsString(props) : null,
                hasProperties && !props.isObject(), customer != null && customer.isObject() ? customer : null);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainer()) {
            return null;
        }
        return stripped(v.asString());
    }

    /** Blank text counts as absent. */
    static String stripped(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
