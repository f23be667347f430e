package io.liuliang.ingest;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /api/v1/events} (one event object, or an array of them) with Jackson's streaming
 * parser straight into {@link RawEvent}s: no tree of the whole batch is built, and each {@code properties} object is
 * copied once into the JSON text that is stored.
 */
final class EventBodyReader {

    /** What was sent: a single event (an object) or a batch (an array). */
    record Body(boolean batch, List<RawEvent> items) {
    }

    private EventBodyReader() {
    }

    static Body read(JsonMapper json, InputStream in, int maxBatch) {
        try (JsonParser parser = json.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return new Body(false, List.of(readObject(json, parser)));
            }
            if (first != JsonToken.START_ARRAY) {
                throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "Send an event object or an array of events");
            }
            List<RawEvent> items = new ArrayList<>();
            int count = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "The array of events is not closed");
                }
                count++;
                if (count > maxBatch) {
                    parser.skipChildren();
                } else if (token == JsonToken.START_OBJECT) {
                    items.add(readObject(json, parser));
                } else {
                    parser.skipChildren();
                    items.add(RawEvent.NOT_AN_OBJECT);
                }
            }
            if (count > maxBatch) {
                throw ApiProblemException.invalid("", "a batch holds at most " + maxBatch + " events, this one " + count);
            }
            return new Body(true, items);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST,
                    "The body is not valid JSON: " + (newline > 0 ? message.substring(0, newline) : message));
        }
    }

    /** Reads the object the parser stands at the start of, up to and including its end. */
    private static RawEvent readObject(JsonMapper json, JsonParser parser) {
        String eventId = null;
        String type = null;
        String name = null;
        String occurredAt = null;
        String shopId = null;
        String customerId = null;
        String anonymousId = null;
        String properties = null;
        boolean propertiesNotObject = false;
        JsonNode customer = null;
        String field;
        while ((field = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "eventId" -> eventId = text(parser, value);
                case "type" -> type = text(parser, value);
                case "name" -> name = text(parser, value);
                case "occurredAt" -> occurredAt = text(parser, value);
                case "shopId" -> shopId = text(parser, value);
                case "customerId" -> customerId = text(parser, value);
                case "anonymousId" -> anonymousId = text(parser, value);
                case "properties" -> {
                    properties = null;
                    propertiesNotObject = false;
                    if (value == JsonToken.START_OBJECT) {
                        properties = copy(json, parser);
                    } else if (value != JsonToken.VALUE_NULL) {
                        parser.skipChildren();
                        propertiesNotObject = true;
                    }
                }
                case "customer" -> {
                    if (value == JsonToken.START_OBJECT) {
                        // the object only: the parser goes on with the rest of the body
                        customer = json.readerFor(JsonNode.class)
                                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
                    } else {
                        parser.skipChildren();
                        customer = null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "An event object is not closed");
        }
        return new RawEvent(true, eventId, type, name, occurredAt, shopId, customerId, anonymousId, properties,
                propertiesNotObject, customer);
    }

    /** A scalar as text (as {@link RawEvent#text} reads it from a tree); objects and arrays are skipped and absent. */
    private static String text(JsonParser parser, JsonToken value) {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        return RawEvent.stripped(parser.getString());
    }

    private static String copy(JsonMapper json, JsonParser parser) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }
}
