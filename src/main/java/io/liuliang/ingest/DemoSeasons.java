package io.liuliang.ingest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;

/**
 * The shopping calendar of the demo merchant, day by day over its period: how busy each day is (steady growth,
 * weekends, the 618 and 双11 festivals with their peak days, 双12, 38女王节, 年货节 before the Spring Festival and
 * the logistics pause around it), which promotion runs, and at what hours people order (evenings, and the midnight
 * rush of 11-11 and 6-18). Day weights are normalised to a mean of 1, so "a rate per day" means per average day.
 */
final class DemoSeasons {

    /** The promotion running on a day. */
    enum Promo {
        NONE(""), NEW_YEAR_GOODS("年货节"), WOMENS_DAY("38女王节"), MID_YEAR("618"), SINGLES_DAY("双11"),
        DOUBLE_TWELVE("双12");

        private final String label;

        Promo(String label) {
            this.label = label;
        }

        /** The name merchants use for it ("双11"), empty for none. */
        String label() {
            return label;
        }

        boolean big() {
            return this == MID_YEAR || this == SINGLES_DAY;
        }
    }

    /** Spring Festival (正月初一) by year; outside these years the festival effects are left out. */
    private static final LocalDate[] SPRING_FESTIVALS = {
        LocalDate.of(2018, 2, 16), LocalDate.of(2019, 2, 5), LocalDate.of(2020, 1, 25), LocalDate.of(2021, 2, 12),
        LocalDate.of(2022, 2, 1), LocalDate.of(2023, 1, 22), LocalDate.of(2024, 2, 10), LocalDate.of(2025, 1, 29),
        LocalDate.of(2026, 2, 17), LocalDate.of(2027, 2, 6), LocalDate.of(2028, 1, 26), LocalDate.of(2029, 2, 13),
        LocalDate.of(2030, 2, 3), LocalDate.of(2031, 1, 23), LocalDate.of(2032, 2, 11)};

    /** Orders by hour of day (local), an ordinary day. */
    private static final double[] HOURS = {
        3.0, 1.5, 0.8, 0.4, 0.3, 0.3, 0.6, 1.4, 2.4, 3.4, 4.2, 4.4,
        4.8, 4.5, 4.2, 4.3, 4.3, 4.2, 4.6, 5.6, 6.8, 7.6, 7.2, 5.0};

    private static final DemoRandom.Alias HOURS_ALIAS = new DemoRandom.Alias(HOURS);
    private static final DemoRandom.Alias PEAK_HOURS_ALIAS;

    static {
        double[] peak = HOURS.clone();
        peak[0] *= 8;
        peak[1] *= 3;
        peak[20] *= 1.5;
        PEAK_HOURS_ALIAS = new DemoRandom.Alias(peak);
    }

    private static final double ACQUISITION_BASE = 0.55;
    private static final double ACQUISITION_BACKLOG = 1.6;
    private static final double ACQUISITION_DECAY = 150;

    private final LocalDate start;
    private final int days;
    private final double[] weights;
    private final double[] cumulative;
    private final DemoRandom.Alias firstOrders;
    private final LocalDate[] dates;
    private final int[] months;
    private final Promo[] promos;
    private final boolean[] peakDay;

    DemoSeasons(LocalDate start, LocalDate end) {
        this.start = start;
        this.days = (int) (end.toEpochDay() - start.toEpochDay()) + 1;
        this.weights = new double[days];
        this.promos = new Promo[days];
        this.peakDay = new boolean[days];
        this.dates = new LocalDate[days];
        this.months = new int[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            dates[d] = date;
            months[d] = date.getMonthValue();
            double growth = 0.95 + 0.1 * d / Math.max(1, days - 1);
            weights[d] = growth * weekday(date) * festival(date, d);
            sum += weights[d];
        }
        this.cumulative = new double[days + 1];
        double[] acquired = new double[days];
        for (int d = 0; d < days; d++) {
            weights[d] *= days / sum;
            cumulative[d + 1] = cumulative[d] + weights[d];
            // customers who had bought before the period show up early; new ones keep coming at a lower pace
            acquired[d] = weights[d] * (ACQUISITION_BASE + ACQUISITION_BACKLOG * StrictMath.exp(-d / ACQUISITION_DECAY));
        }
        this.firstOrders = new DemoRandom.Alias(acquired);
    }

    private static double weekday(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 1.08 : dow == DayOfWeek.MONDAY ? 0.95 : 1.0;
    }

    private double festival(LocalDate date, int d) {
        MonthDay md = MonthDay.from(date);
        promos[d] = Promo.NONE;
        double w = 1.0;
        if (date.getMonth() == Month.MAY && date.getDayOfMonth() == 31) {
            w = 1.3;
        } else if (date.getMonth() == Month.JUNE && date.getDayOfMonth() <= 18) {
            promos[d] = Promo.MID_YEAR;
            w = md.equals(MonthDay.of(6, 18)) ? 6.0 : date.getDayOfMonth() == 1 ? 3.0 : 2.2;
            peakDay[d] = date.getDayOfMonth() == 18 || date.getDayOfMonth() == 1;
        } else if (date.getMonth() == Month.JUNE && date.getDayOfMonth() <= 20) {
            w = 1.2;
        } else if (date.getMonth() == Month.OCTOBER && date.getDayOfMonth() >= 20) {
            w = 1.3;
        } else if (date.getMonth() == Month.NOVEMBER && date.getDayOfMonth() <= 11) {
            promos[d] = Promo.SINGLES_DAY;
            w = date.getDayOfMonth() == 11 ? 8.0 : date.getDayOfMonth() == 1 ? 3.2 : 2.5;
            peakDay[d] = date.getDayOfMonth() == 11 || date.getDayOfMonth() == 1;
        } else if (date.getMonth() == Month.NOVEMBER && date.getDayOfMonth() <= 13) {
            w = 1.2;
        } else if (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() >= 10 && date.getDayOfMonth() <= 12) {
            promos[d] = Promo.DOUBLE_TWELVE;
            w = date.getDayOfMonth() == 12 ? 2.0 : 1.3;
        } else if (date.getMonth() == Month.MARCH && date.getDayOfMonth() <= 8) {
            promos[d] = Promo.WOMENS_DAY;
            w = 1.3;
        }
        LocalDate festival = springFestivalNear(date);
        if (festival != null) {
            long offset = date.toEpochDay() - festival.toEpochDay();
            if (offset >= -24 && offset <= -8) {
                promos[d] = Promo.NEW_YEAR_GOODS;
                w = Math.max(w, 1.5);
            } else if (offset >= -7 && offset <= -1) {
                w = 0.9;
            } else if (offset >= 0 && offset <= 6) {
                w = 0.45;
            } else if (offset >= 7 && offset <= 10) {
                w = 0.8;
            }
        }
        return w;
    }

    private static LocalDate springFestivalNear(LocalDate date) {
        for (LocalDate f : SPRING_FESTIVALS) {
            long offset = date.toEpochDay() - f.toEpochDay();
            if (offset >= -30 && offset <= 30) {
                return f;
            }
        }
        return null;
    }

    int days() {
        return days;
    }

    LocalDate date(int day) {
        return dates[day];
    }

    /** The month (1 .. 12) of the day. */
    int month(int day) {
        return months[day];
    }

    /** The local time {@code second} seconds after the start of the period. */
    LocalDateTime at(int second) {
        return LocalDateTime.of(dates[second / 86_400], LocalTime.ofSecondOfDay(second % 86_400));
    }

    /** How busy the day is, 1 = an average day. */
    double weight(int day) {
        return weights[day];
    }

    Promo promo(int day) {
        return promos[day];
    }

    /** Total weight of the whole period (its length in "average days"). */
    double total() {
        return cumulative[days];
    }

    /** Weight before the given day. */
    double before(int day) {
        return cumulative[day];
    }

    /**
     * Where in weighted time a customer's first order of the period falls: on busy days more often, and early in the
     * period more often (the merchant's existing customers come back soon; new customers keep arriving).
     */
    double firstOrder(DemoRandom random) {
        int day = firstOrders.pick(random);
        return cumulative[day] + random.nextDouble() * weights[day];
    }

    /** The day at the given position in weighted time, 0 ≤ x < {@link #total()}. */
    int dayAt(double x) {
        int low = 0;
        int high = days - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (cumulative[mid] <= x) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** A second of the day (0 .. 86 399) at which someone orders, drawn from the hourly pattern of that day. */
    int secondOfDay(DemoRandom random, int day) {
        int hour = (peakDay[day] ? PEAK_HOURS_ALIAS : HOURS_ALIAS).pick(random);
        return hour * 3600 + random.nextInt(3600);
    }
}
