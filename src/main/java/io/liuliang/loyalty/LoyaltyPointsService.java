package io.liuliang.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.shared.CustomerId;

/** {@link LoyaltyPoints} over the ledger: journey awards are adjustments keyed by their source. */
@Service
class LoyaltyPointsService implements LoyaltyPoints {

    static final String SOURCE_PREFIX = "award:";

    private final LoyaltyStore store;
    private final PointsLedger ledger;
    private final MemberEnrolment enrolment;
    private final Customers customers;
    private final Clock clock;
    private final ZoneId zone;

    LoyaltyPointsService(LoyaltyStore store, PointsLedger ledger, MemberEnrolment enrolment, Customers customers,
                         Clock clock, @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.store = store;
        this.ledger = ledger;
        this.enrolment = enrolment;
        this.customers = customers;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    @Transactional
    public Optional<Long> award(CustomerId customer, long points, String sourceKey, String reason, String actor) {
        Optional<LoyaltyProgram> program = store.program();
        Optional<CustomerId> survivor = customers.survivorOf(customer);
        if (program.isEmpty() || survivor.isEmpty() || points == 0) {
            return Optional.empty();
        }
        UUID id = survivor.get().value();
        Instant now = clock.instant();
        if (store.member(id).isEmpty()) {
            if (!program.get().autoEnrol()) {
                return Optional.empty();
            }
            enrolment.enrol(id, "award", now);
        }
        PointsLedger.Posted posted = ledger.post(id, EntryKind.ADJUST, points, SOURCE_PREFIX + sourceKey, reason, null,
                points > 0 ? program.get().expiresAt(now, zone) : null, null, PointsLedger.Shortfall.CAP, actor);
        return Optional.of(posted.entry().balanceAfter());
    }
}
