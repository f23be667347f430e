package io.liuliang.segment;


import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes a condition back to its canonical JSON (what is stored and returned). */
public final class ConditionJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConditionJson() {
    }

    public static JsonNode write(Condition condition) {
        if (condition instanceof Condition.Group g) {
            ObjectNode o = NODES.objectNode().put("type", g.logic().code());
            ArrayNode children = o.putArray("children");
            g.children().forEach(c -> children.add(write(c)));
            return o;
        }
        if (condition instanceof Condition.FieldRule f) {
            ObjectNode o = NODES.objectNode().put("type", "field").put("field", f.field()).put("op", f.op().code());
            value(o, f.value());
            return o;
        }
        if (condition instanceof Condition.OrderRule r) {
            ObjectNode o = NODES.objectNode().put("type", "order").put("measure", r.measure().code()).put("op", r.op().code());
            value(o, r.value());
            o.put("shopId", r.shopId() == null ? null : r.shopId().toString());
            o.put("category", r.category());
            o.put("sku", r.sku());
            o.put("withinDays", r.withinDays());
            return o;
        }
        Condition.EventRule e = (Condition.EventRule) condition;
        ObjectNode o = NODES.objectNode().put("type", "event").put("event", e.eventType()).put("customName", e.customName())
                .put("did", e.did()).put("times", e.times()).put("withinDays", e.withinDays());
        ArrayNode props = o.putArray("properties");
        for (Condition.PropertyFilter f : e.properties()) {
            ObjectNode p = props.addObject().put("property", f.property()).put("op", f.op().code());
            value(p, f.value());
        }
        return o;
    }

    private static void value(ObjectNode o, Condition.Value v) {
        if (v instanceof Condition.None) {
            o.putNull("value");
        } else if (v instanceof Condition.Text t) {
            o.put("value", t.value());
        } else if (v instanceof Condition.Texts t) {
            ArrayNode a = o.putArray("value");
            t.values().forEach(a::add);
        } else if (v instanceof Condition.Number n) {
            o.put("value", n.value());
        } else if (v instanceof Condition.NumberRange r) {
            o.putArray("value").add(r.from()).add(r.to());
        } else if (v instanceof Condition.Day d) {
            o.put("value", d.value().toString());
        } else if (v instanceof Condition.DayRange r) {
            o.putArray("value").add(r.from().toString()).add(r.to().toString());
        } else if (v instanceof Condition.Days d) {
            o.put("value", d.value());
        }
    }

}
