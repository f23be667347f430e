package io.liuliang.analytics;

import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over log-parameters with Hipparchus' Nelder-Mead simplex. Nelder-Mead can stall on a
 * collapsed simplex, so it is restarted from its best point with a fresh simplex until a restart no longer improves
 * the log-likelihood (the usual practice with this optimiser).
 */
final class MaximumLikelihood {

    /** Log-parameters are kept within ±this, i.e. parameters within e^±30; outside, the likelihood is -∞. */
    private static final double LOG_BOUND = 30;
    private static final double RELATIVE_TOLERANCE = 1e-12;
    private static final double ABSOLUTE_TOLERANCE = 1e-10;
    private static final double RESTART_IMPROVEMENT = 1e-9;
    private static final double INITIAL_STEP = 0.5;
    private static final int MAX_EVALUATIONS = 20_000;
    private static final int MAX_RESTARTS = 20;

    private MaximumLikelihood() {
    }

    /** The maximum found: log-parameters, the log-likelihood there, and the function evaluations spent. */
    record Estimate(double[] logParams, double logLikelihood, int evaluations) {
    }

    static Estimate maximise(ToDoubleFunction<double[]> logLikelihood, double[] startLogParams) {
        ObjectiveFunction objective = new ObjectiveFunction(point -> {
            for (double v : point) {
                if (!(Math.abs(v) <= LOG_BOUND)) {
                    return Double.MAX_VALUE;
                }
            }
            double ll = logLikelihood.applyAsDouble(point);
            return Double.isFinite(ll) ? -ll : Double.MAX_VALUE;
        });
        double[] best = startLogParams.clone();
        double bestValue = Double.MAX_VALUE;
        int evaluations = 0;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE);
            PointValuePair result;
            try {
                result = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MINIMIZE,
                        new InitialGuess(best), new NelderMeadSimplex(best.length, INITIAL_STEP));
            } catch (MathIllegalStateException e) {
                throw new IllegalStateException("the optimiser did not converge within " + MAX_EVALUATIONS
                        + " evaluations", e);
            }
            evaluations += optimizer.getEvaluations();
            boolean improved = result.getValue() < bestValue - RESTART_IMPROVEMENT * Math.max(1, Math.abs(bestValue));
            if (result.getValue() < bestValue) {
                best = result.getPoint();
                bestValue = result.getValue();
            }
            if (!improved) {
                break;
            }
        }
        if (bestValue == Double.MAX_VALUE) {
            throw new IllegalStateException("the likelihood is not finite anywhere the optimiser looked");
        }
        return new Estimate(best, -bestValue, evaluations);
    }

    /** Fits BG/NBD, starting from r = α = a = b = 1. */
    static Fitted<BgNbd> fitBgNbd(FrequencyData data) {
        Estimate e = maximise(p -> BgNbd.ofLog(p).logLikelihood(data), new double[4]);
        return new Fitted<>(BgNbd.ofLog(e.logParams()), e.logLikelihood(), e.evaluations());
    }

    /** Fits Gamma-Gamma, starting from p = q = 1 and γ = 1. */
    static Fitted<GammaGamma> fitGammaGamma(SpendData data) {
        Estimate e = maximise(p -> GammaGamma.ofLog(p).logLikelihood(data), new double[3]);
        return new Fitted<>(GammaGamma.ofLog(e.logParams()), e.logLikelihood(), e.evaluations());
    }

    record Fitted<M>(M model, double logLikelihood, int evaluations) {
    }
}
