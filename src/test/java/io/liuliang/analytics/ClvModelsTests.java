package io.liuliang.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.liuliang.support.Datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The BG/NBD and Gamma-Gamma math on the CDNOW sample summary of Fader, Hardie &amp; Lee (2005), against their
 * published estimates.
 */
class ClvModelsTests {

    private static final BgNbd PUBLISHED_BGNBD = new BgNbd(0.243, 4.414, 0.793, 2.426);
    private static FrequencyData frequency;
    private static SpendData spend;

    @BeforeAll
    static void readSummary() throws IOException {
        List<String> lines = Files.readAllLines(Datasets.require("cdnow/cdnow_customers_summary_with_transactions.csv"));
        assertThat(lines.get(0)).isEqualTo("ID,x,t_x,T,zbar");
        frequency = new FrequencyData();
        spend = new SpendData();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int x = Integer.parseInt(f[1]);
            frequency.add(x, Double.parseDouble(f[2]), Double.parseDouble(f[3]), 1);
            if (x > 0) {
                spend.add(x, Double.parseDouble(f[4]));
            }
        }
    }

    @Test
    void theSampleHasThePublishedShape() {
        assertThat(frequency.customers()).isEqualTo(2_357);
        assertThat(frequency.repeaters()).isEqualTo(946);
        assertThat(spend.size()).isEqualTo(946);
    }

    @Test
    void bgNbdMaximumLikelihoodReproducesThePublishedParameters() {
        MaximumLikelihood.Fitted<BgNbd> fit = MaximumLikelihood.fitBgNbd(frequency);
        BgNbd m = fit.model();
        assertThat(m.r()).isCloseTo(0.243, within(0.01));
        assertThat(m.alpha()).isCloseTo(4.414, within(0.01));
        assertThat(m.a()).isCloseTo(0.793, within(0.01));
        assertThat(m.b()).isCloseTo(2.426, within(0.01));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.1));
        // the maximum is a maximum: the published (rounded) parameters are not better
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(PUBLISHED_BGNBD.logLikelihood(frequency));
    }

    @Test
    void theGroupedLikelihoodEqualsTheSumOfTheCustomers() {
        double perCustomer = 0;
        for (int i = 0; i < frequency.size(); i++) {
            perCustomer += PUBLISHED_BGNBD.logLikelihood(frequency.x(i), frequency.tx(i), frequency.t(i));
        }
        assertThat(PUBLISHED_BGNBD.logLikelihood(frequency)).isCloseTo(perCustomer, within(1e-6));
        assertThat(perCustomer).isCloseTo(-9582.4, within(0.5));
    }

    @Test
    void conditionalExpectationAndZeroPurchaseProbabilityMatchThePaper() {
        assertThat(PUBLISHED_BGNBD.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
        assertThat(PUBLISHED_BGNBD.probabilityOfPurchases(0, 39)).isCloseTo(0.5737864, within(1e-6));
        double total = 0;
        for (int x = 0; x < 400; x++) {
            total += PUBLISHED_BGNBD.probabilityOfPurchases(x, 39);
        }
        assertThat(total).isCloseTo(1, within(1e-6));
    }

    @Test
    void theExpectationAgreesWithAPlainSeriesAndBehavesAtTheEdges() {
        // the Euler-transformed 2F1 gives the same value as the textbook form for a light buyer
        BgNbd m = PUBLISHED_BGNBD;
        int x = 2;
        double tx = 30.43;
        double t = 38.86;
        double h = 39;
        double z = h / (m.alpha() + t + h);
        double textbook = (m.a() + m.b() + x - 1) / (m.a() - 1)
                * (1 - Math.pow((m.alpha() + t) / (m.alpha() + t + h), m.r() + x)
                * Hypergeometric.f21(m.r() + x, m.b() + x, m.a() + m.b() + x - 1, z))
                / (1 + m.a() / (m.b() + x - 1) * Math.pow((m.alpha() + t) / (m.alpha() + tx), m.r() + x));
        assertThat(m.conditionalExpectedPurchases(h, x, tx, t)).isCloseTo(textbook, within(1e-9));
        assertThat(m.conditionalExpectedPurchases(0, x, tx, t)).isZero();
        // a heavy, recent buyer expects many purchases; a heavy buyer gone quiet is probably dead
        assertThat(m.conditionalExpectedPurchases(52, 300, 100, 100)).isBetween(100.0, 200.0);
        assertThat(m.pAlive(30, 10, 100)).isLessThan(0.01);
        assertThat(m.pAlive(0, 0, 50)).isEqualTo(1.0);
        // the unconditional expectation is the conditional one of a brand-new customer, and grows with time
        assertThat(m.expectedPurchases(39)).isCloseTo(m.conditionalExpectedPurchases(39, 0, 0, 0), within(1e-12));
        assertThat(m.expectedPurchases(78)).isGreaterThan(m.expectedPurchases(39));
    }

    @Test
    void theExpectationStaysRightWhenTheDropOutIsNearlyTheSameForEveryone() {
        // a and b far apart from 1 with a/(a+b) = 0.24: a fit on such data tends to a fixed drop-out probability
        BgNbd wide = new BgNbd(0.6, 3.8, 2.4e3, 7.6e3);
        BgNbd narrow = new BgNbd(0.6, 3.8, 2.4e6, 7.6e6);
        for (int x : new int[] {0, 1, 5, 40}) {
            double tx = x == 0 ? 0 : 20;
            double w = wide.conditionalExpectedPurchases(13, x, tx, 30);
            double n = narrow.conditionalExpectedPurchases(13, x, tx, 30);
            assertThat(n).as("x=" + x).isPositive().isFinite();
            assertThat(n).as("x=" + x).isCloseTo(w, org.assertj.core.api.Assertions.withinPercentage(1));
            assertThat(narrow.conditionalExpectedPurchases(52, x, tx, 30)).isGreaterThan(n);
        }
        // the log-space series agrees with the plain one where both work
        assertThat(Math.exp(Hypergeometric.logF21(2.5, 3.5, 4.2, 0.7)))
                .isCloseTo(Hypergeometric.f21(2.5, 3.5, 4.2, 0.7), org.assertj.core.api.Assertions.withinPercentage(1e-9));
    }

    @Test
    void pAliveIsTheShareOfTheLikelihoodOfStillBeingAlive() {
        BgNbd m = PUBLISHED_BGNBD;
        assertThat(m.pAlive(2, 30.43, 38.86)).isBetween(0.0, 1.0);
        // more recent last purchase, same frequency: more likely alive
        assertThat(m.pAlive(2, 38, 38.86)).isGreaterThan(m.pAlive(2, 10, 38.86));
        assertThat(ChurnRisk.of(m.pAlive(2, 38, 38.86))).isEqualTo(ChurnRisk.LOW);
        assertThat(ChurnRisk.of(0.5)).isEqualTo(ChurnRisk.MEDIUM);
        assertThat(ChurnRisk.of(0.1)).isEqualTo(ChurnRisk.HIGH);
    }

    @Test
    void gammaGammaMaximumLikelihoodReproducesThePublishedParameters() {
        MaximumLikelihood.Fitted<GammaGamma> fit = MaximumLikelihood.fitGammaGamma(spend);
        GammaGamma g = fit.model();
        assertThat(g.p()).isCloseTo(6.25, within(0.05));
        assertThat(g.q()).isCloseTo(3.74, within(0.05));
        assertThat(g.gamma()).isCloseTo(15.44, within(0.05));
        assertThat(fit.logLikelihood()).isCloseTo(-4055.92, within(0.5));
        double perCustomer = 0;
        for (int i = 0; i < spend.size(); i++) {
            perCustomer += g.logLikelihood(spend.x(i), spend.zbar(i));
        }
        assertThat(g.logLikelihood(spend)).isCloseTo(perCustomer, within(1e-6));
        // the expected spend shrinks a customer's own mean towards the population mean
        double own = 100;
        double expected = g.conditionalExpectedSpend(2, own);
        assertThat(expected).isBetween(g.meanSpend(), own);
        assertThat(g.conditionalExpectedSpend(0, 0)).isCloseTo(g.meanSpend(), within(1e-12));
    }
}
