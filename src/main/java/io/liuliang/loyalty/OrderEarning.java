package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.liuliang.order.OrderStatus;
import io.liuliang.order.Orders;
import io.liuliang.order.OrdersChanged;
import io.liuliang.order.SettledOrder;
import io.liuliang.shared.CustomerId;

/**
 * Orders earn points and refunds take them back. When orders of customers change, each of their orders since the
 * program's {@code earnFrom} is compared with what it earned ({@code points_order}): a newly completed (or paid,
 * by the program's rule) order earns {@code (paid − refunded) × points per unit × the tier's multiplier}, enrolling
 * the customer first when the program enrols automatically; a refund since then reverses the same share of what the
 * order earned, a cancellation or full refund all of it. Sources are per order and per cumulative reversal, so a
 * repeated delivery of the same change posts nothing twice; a member is handled under their row lock.
 */
@Component
class OrderEarning {

    private static final Set<OrderStatus> COMPLETED = Set.of(OrderStatus.COMPLETED, OrderStatus.PARTIALLY_REFUNDED);
    private static final Set<OrderStatus> PAID = Set.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED,
            OrderStatus.COMPLETED, OrderStatus.PARTIALLY_REFUNDED);
    private static final Set<OrderStatus> VOID = Set.of(OrderStatus.CANCELLED, OrderStatus.REFUNDED);

    private final JdbcClient jdbc;
    private final LoyaltyStore store;
    private final PointsLedger ledger;
    private final TierEvaluator tiers;
    private final Orders orders;
    private final TaskService tasks;
    private final MemberEnrolment enrolment;
    private final java.time.Clock clock;
    private final ZoneId zone;

    OrderEarning(JdbcClient jdbc, LoyaltyStore store, PointsLedger ledger, TierEvaluator tiers, Orders orders,
                 TaskService tasks, MemberEnrolment enrolment, java.time.Clock clock, @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.tasks = tasks;
        this.enrolment = enrolment;
        this.clock = clock;
        this.jdbc = jdbc;
        this.store = store;
        this.ledger = ledger;
        this.tiers = tiers;
        this.orders = orders;
        this.zone = zone;
    }

    private record Earned(BigDecimal basis, long earned, long reversed, BigDecimal refunded) {
    }

    @ApplicationModuleListener
    void on(OrdersChanged changed) {
        Optional<LoyaltyProgram> program = store.program();
        if (program.isEmpty() || !program.get().enabled() || changed.customers().isEmpty()) {
            return;
        }
        LoyaltyProgram p = program.get();
        Map<CustomerId, List<SettledOrder>> byCustomer = orders.ordersOf(changed.customers(), p.earnFrom()).stream()
                .collect(Collectors.groupingBy(SettledOrder::customer));
        List<Tier> tierList = store.tiers();
        byCustomer.forEach((customer, list) -> apply(p, tierList, customer.value(), list));
    }

    private void apply(LoyaltyProgram p, List<Tier> tierList, UUID customer, List<SettledOrder> list) {
        Set<OrderStatus> earning = p.earnOn() == LoyaltyEnums.EarnOn.COMPLETED ? COMPLETED : PAID;
        boolean any = list.stream().anyMatch(o -> earning.contains(o.status()));
        if (store.member(customer).isEmpty()) {
            if (!any || !p.autoEnrol()) {
                return;
            }
            enrolment.enrol(customer, "first_order", clock.instant());
        }
        LoyaltyStore.Member member = store.lockMember(customer).orElseThrow();
        Map<UUID, Earned> earned = jdbc.sql("SELECT order_id, basis, earned, reversed, refunded FROM points_order "
                        + "WHERE order_id = ANY (?::uuid[])")
                .param(list.stream().map(SettledOrder::id).toArray(UUID[]::new))
                .query(rs -> {
                    Map<UUID, Earned> m = new java.util.HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getObject(1, UUID.class), new Earned(rs.getBigDecimal(2), rs.getLong(3), rs.getLong(4),
                                rs.getBigDecimal(5)));
                    }
                    return m;
                });
        boolean earnedNow = false;
        for (SettledOrder o : list) {
            Earned e = earned.get(o.id());
            String ref = o.shopId() + "/" + o.externalId();
            if (e == null) {
                if (!earning.contains(o.status())) {
                    continue;
                }
                BigDecimal basis = o.paid().subtract(o.refunded()).max(BigDecimal.ZERO);
                Tier tier = TierEvaluator.byId(tierList, member.tierId());
                long points = p.pointsFor(basis, tier == null ? BigDecimal.ONE : tier.pointsMultiplier());
                Instant at = o.completedAt() != null ? o.completedAt() : o.paidAt() != null ? o.paidAt() : o.orderedAt();
                jdbc.sql("INSERT INTO points_order (order_id, customer_id, origin_customer_id, basis, earned, refunded) "
                                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING")
                        .params(o.id(), customer, customer, basis, points, o.refunded()).update();
                if (points > 0) {
                    ledger.post(customer, EntryKind.EARN, points, "order:" + o.id() + ":earn", "order " + o.externalId(),
                            ref, p.expiresAt(clock.instant().isAfter(at) ? clock.instant() : at, zone), null,
                            PointsLedger.Shortfall.REFUSE, null);
                    earnedNow = true;
                }
            } else if (e.earned() > e.reversed()) {
                long target;
                if (VOID.contains(o.status())) {
                    target = e.earned();
                } else {
                    BigDecimal since = o.refunded().subtract(e.refunded());
                    if (since.signum() <= 0 || e.basis().signum() <= 0) {
                        continue;
                    }
                    target = Math.min(e.earned(), BigDecimal.valueOf(e.earned()).multiply(since)
                            .divide(e.basis(), 0, RoundingMode.HALF_UP).longValueExact());
                }
                if (target > e.reversed()) {
                    ledger.post(customer, EntryKind.REVERSE, -(target - e.reversed()), "order:" + o.id() + ":reverse:" + target,
                            VOID.contains(o.status()) ? "order " + o.externalId() + " " + o.status().code()
                                    : "refund on order " + o.externalId(), ref, null, null, PointsLedger.Shortfall.CAP, null);
                    jdbc.sql("UPDATE points_order SET reversed = ? WHERE order_id = ?").params(target, o.id()).update();
                }
            }
        }
        if (earnedNow) {
            tiers.upgradeIfQualified(store.lockMember(customer).orElseThrow(), tierList);
            tasks.awardBadges(customer);
        }
    }
}
