package io.liuliang.platform;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The event publication registry stores events with the application's mapper, and reads them back. */
class EventPublicationIntegrationTests extends IntegrationTest {

    record Announced(Set<UUID> customers, String source) {
    }

    @Autowired
    private EventSerializer serializer;

    @Autowired
    private JsonMapper json;

    @Test
    void publicationsAreWrittenAndReadWithTheApplicationsMapper() {
        assertThat(serializer).isInstanceOf(EventPublicationConfiguration.JsonEventSerializer.class);
        Announced event = new Announced(Set.of(UUID.randomUUID(), UUID.randomUUID()), "api");
        Object stored = serializer.serialize(event);
        assertThat(stored).isEqualTo(json.writeValueAsString(event));
        assertThat(serializer.deserialize(stored, Announced.class)).isEqualTo(event);
    }
}
