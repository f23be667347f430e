package io.liuliang.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.events.core.EventSerializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * How the event publication registry (the transactional outbox) stores events: as JSON written by the application's
 * {@link JsonMapper}, exactly as Spring Modulith's own Jackson serializer does, but with the mapper resolved once.
 * Modulith's serializer looks the mapper bean up again for every event it stores (a full dependency resolution: a
 * sixth of the CPU of the thread that stores a group of behaviour events).
 */
@Configuration(proxyBeanMethods = false)
class EventPublicationConfiguration {

    @Bean
    @Primary
    EventSerializer eventPublicationSerializer(JsonMapper json) {
        return new JsonEventSerializer(json);
    }

    /** Events as JSON text and back, with one mapper. */
    record JsonEventSerializer(JsonMapper json) implements EventSerializer {

        @Override
        public Object serialize(Object event) {
            return json.writeValueAsString(event);
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            return json.readerFor(type).readValue(serialized.toString());
        }
    }
}
