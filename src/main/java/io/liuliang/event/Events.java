package io.liuliang.event;

import java.util.List;

import io.liuliang.shared.CustomerId;

/** Stores behaviour events and reads a customer's recent ones. */
public interface Events {

    /**
     * Stores the events in one transaction; returns, per event, whether it was new (false: an event with the same id
     * and time was stored before, so the retry changed nothing).
     */
    List<Boolean> store(List<NewEvent> events);

    List<StoredEvent> recentOf(CustomerId customer, int limit);

    /**
     * Share, review and custom events of known customers received at or after {@code since}, oldest first, at most
     * {@code limit} (served by a partial index, so polling them costs the other event types nothing).
     */
    List<ReceivedEvent> engagementReceivedSince(java.time.Instant since, int limit);

    /**
     * Events of these types of known customers received at or after {@code since}, oldest first, at most
     * {@code limit} (served by a BRIN index on the receiving time, which costs ingestion next to nothing).
     */
    List<ObservedEvent> receivedSince(java.util.Set<EventType> types, java.time.Instant since, int limit);
}
