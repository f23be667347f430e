package io.liuliang.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.liuliang.coupon.CouponRedeemed;
import io.liuliang.coupon.CouponsExpiring;
import io.liuliang.coupon.CouponsIssued;
import io.liuliang.coupon.IssuedCoupon;
import io.liuliang.loyalty.TierChanged;
import io.liuliang.segment.CustomerMetrics;
import io.liuliang.segment.LifecycleStageChanged;
import io.liuliang.segment.LifecycleStagesChanged;

/**
 * Entries on other modules' events: a coupon about to expire, a tier change, a lifecycle change. Each enrols once
 * per happening (the coupon, the tier change's time, the lifecycle change's seq), however often it is delivered.
 */
@Component
class JourneyModuleTriggers {

    static final int LIFECYCLE_PAGE = 5_000;

    private final JourneyCatalog catalog;
    private final Enroller enroller;
    private final CustomerMetrics metrics;
    private final JourneyWaits waits;
    private final tools.jackson.databind.json.JsonMapper json;

    JourneyModuleTriggers(JourneyCatalog catalog, Enroller enroller, CustomerMetrics metrics, JourneyWaits waits,
                          tools.jackson.databind.json.JsonMapper json) {
        this.catalog = catalog;
        this.enroller = enroller;
        this.metrics = metrics;
        this.waits = waits;
        this.json = json;
    }

    @ApplicationModuleListener
    void on(CouponsIssued issued) {
        enter(EntryKind.COUPON_ISSUED, j -> {
            List<Enroller.Candidate> out = new ArrayList<>();
            for (IssuedCoupon c : issued.coupons()) {
                if (j.entry().templateId() == null || j.entry().templateId().equals(c.templateId())) {
                    out.add(new Enroller.Candidate(c.customer(), "coupon-issued:" + c.couponId()));
                }
            }
            return out;
        });
    }

    /** A redeemed coupon wakes enrolments waiting for {@code coupon_redeemed} (filters see templateId and code). */
    @ApplicationModuleListener
    void on(CouponRedeemed redeemed) {
        tools.jackson.databind.node.ObjectNode properties = json.createObjectNode();
        properties.put("templateId", redeemed.coupon().templateId().toString());
        properties.put("code", redeemed.coupon().code());
        properties.put("orderId", redeemed.orderId());
        waits.wake(List.of(new JourneyWaits.Happening(redeemed.coupon().customer(), DefinitionParser.COUPON_REDEEMED,
                null, properties, redeemed.at())));
    }

    @ApplicationModuleListener
    void on(CouponsExpiring expiring) {
        enter(EntryKind.COUPON_EXPIRING, j -> {
            List<Enroller.Candidate> out = new ArrayList<>();
            for (IssuedCoupon c : expiring.coupons()) {
                if (j.entry().templateId() == null || j.entry().templateId().equals(c.templateId())) {
                    out.add(new Enroller.Candidate(c.customer(), "coupon:" + c.couponId()));
                }
            }
            return out;
        });
    }

    @ApplicationModuleListener
    void on(TierChanged change) {
        enter(EntryKind.TIER_CHANGED, j -> {
            JourneyDefinition.Entry e = j.entry();
            boolean match = (e.change() == null || e.change().equals(change.change()))
                    && (e.toTier() == null || e.toTier().equals(change.toTier()))
                    && !change.at().isBefore(j.publishedAt());
            return match ? List.of(new Enroller.Candidate(change.customer(), "tier:" + change.change() + ":" + change.at()))
                    : List.of();
        });
    }

    @ApplicationModuleListener
    void on(LifecycleStagesChanged changed) {
        if (catalog.active().stream().noneMatch(j -> j.entry().kind() == EntryKind.LIFECYCLE_CHANGED)) {
            return;
        }
        long after = changed.firstSeq() - 1;
        while (after < changed.lastSeq()) {
            List<LifecycleStageChanged> page = metrics.lifecycleChanges(after, LIFECYCLE_PAGE);
            if (page.isEmpty()) {
                return;
            }
            List<LifecycleStageChanged> inRange = page.stream().filter(c -> c.seq() <= changed.lastSeq()).toList();
            enter(EntryKind.LIFECYCLE_CHANGED, j -> {
                List<Enroller.Candidate> out = new ArrayList<>();
                for (LifecycleStageChanged c : inRange) {
                    String to = c.to() == null ? null : c.to().code();
                    if ((j.entry().toStage() == null || j.entry().toStage().equals(to))
                            && !c.changedAt().isBefore(j.publishedAt())) {
                        out.add(new Enroller.Candidate(c.customer(), "lifecycle:" + c.seq()));
                    }
                }
                return out;
            });
            after = page.get(page.size() - 1).seq();
        }
    }

    private void enter(EntryKind kind, Function<CompiledJourney, List<Enroller.Candidate>> candidates) {
        Map<CompiledJourney, List<Enroller.Candidate>> entries = new LinkedHashMap<>();
        for (CompiledJourney j : catalog.active()) {
            if (j.entry().kind() == kind) {
                List<Enroller.Candidate> c = candidates.apply(j);
                if (!c.isEmpty()) {
                    entries.put(j, c);
                }
            }
        }
        entries.forEach(enroller::enrol);
    }
}
