/**
 * Analytics: KPIs, dashboards, reports and predictive models.
 * <p>
 * CLV predictions: a BG/NBD model (Fader, Hardie &amp; Lee 2005) of repeat purchases and a Gamma-Gamma model of spend
 * per transaction, both fitted by maximum likelihood (Hipparchus Nelder-Mead on log-parameters), per shop or for the
 * whole merchant. Time is counted in weeks; a transaction is a customer's purchase day (same-day orders merged,
 * days in each shop's time zone). From them each customer gets P(alive), the expected purchases in the next 90
 * days, the expected spend per purchase, a 12-month CLV and a churn-risk band, stored in {@code customer_prediction}
 * and offered to other modules by {@link io.liuliang.analytics.Predictions}.
 * <p>
 * Data access: the models read {@code sales_order} and {@code shop} (owned by the order module) with read-only,
 * set-based SQL. This is an accepted exception to "reads cross modules through facades": analytics over millions
 * of orders has to aggregate in the database, and it never writes there. Analytics can be pointed at a replica.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package io.liuliang.analytics;
