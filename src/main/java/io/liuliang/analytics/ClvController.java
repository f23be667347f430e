package io.liuliang.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.PageRequest;
import io.liuliang.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Models: CLV", description = "BG/NBD + Gamma-Gamma CLV predictions, per shop or for the whole merchant")
class ClvController {

    private final ClvService service;
    private final ClvModelStore models;
    private final PredictionStore predictions;
    private final Customers customers;

    ClvController(ClvService service, ClvModelStore models, PredictionStore predictions, Customers customers) {
        this.service = service;
        this.models = models;
        this.predictions = predictions;
        this.customers = customers;
    }

    record FitAccepted(UUID jobId, UUID shopId, LocalDate calibrationEnd, LocalDate holdoutEnd) {
    }

    /** A fitted model. {@code logLikelihood} is the BG/NBD one; time is in weeks. */
    record ModelView(long id, UUID shopId, double r, double alpha, double a, double b, double p, double q, double gamma,
                     double logLikelihood, double ggLogLikelihood, String timeUnit, LocalDate calibrationEnd,
                     LocalDate holdoutEnd, Instant fittedAt, String fittedBy, int customers, int repeaters, int scored,
                     double annualDiscountRate, UUID jobId, List<CalibrationBin> calibration) {

        static ModelView of(ClvModel m) {
            return new ModelView(m.id(), m.shopId(), m.bgNbd().r(), m.bgNbd().alpha(), m.bgNbd().a(), m.bgNbd().b(),
                    m.gammaGamma().p(), m.gammaGamma().q(), m.gammaGamma().gamma(), m.bgNbdLogLikelihood(),
                    m.ggLogLikelihood(), m.timeUnit(), m.calibrationEnd(), m.holdoutEnd(), m.fittedAt(), m.fittedBy(),
                    m.customers(), m.repeaters(), m.scored(), m.annualDiscountRate(), m.jobId(), m.calibration());
        }
    }

    record PredictionView(UUID scopeId, UUID shopId, long modelId, double pAlive, double expectedPurchases90d,
                          BigDecimal expectedAvgSpend, BigDecimal clv12m, ChurnRisk churnRisk, Instant predictedAt) {

        static PredictionView of(CustomerPrediction p) {
            UUID shop = p.shop() == null ? null : p.shop().value();
            return new PredictionView(shop == null ? Predictions.MERCHANT_SCOPE : shop, shop, p.modelId(), p.pAlive(),
                    p.expectedPurchases90d(), p.expectedAvgSpend(), p.clv12m(), p.churnRisk(), p.predictedAt());
        }
    }

    @PostMapping("/models/clv:fit")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('analytics.manage')")
    @Operation(summary = "Fit BG/NBD + Gamma-Gamma for a shop (or the whole merchant without shopId) and score its "
            + "customers, as a job. calibrationEnd defaults to today less the holdout weeks, holdoutEnd to today")
    FitAccepted fit(@RequestBody(required = false) ClvFitRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        ClvFitJob.Payload payload = service.validate(request, auth == null ? null : auth.getName());
        return new FitAccepted(service.submit(payload).value(), payload.shopId(), payload.calibrationEnd(),
                payload.holdoutEnd());
    }

    @GetMapping("/models/clv")
    @PreAuthorize("hasAuthority('analytics.read')")
    @Operation(summary = "The latest model of a shop (or of the whole merchant without shopId)")
    ModelView latest(@RequestParam(required = false) UUID shopId) {
        ClvScope scope = ClvScope.ofNullable(shopId);
        return models.latest(scope).map(ModelView::of).orElseThrow(() -> new ApiProblemException(ProblemType.NOT_FOUND,
                "No CLV model has been fitted for " + (shopId == null ? "the whole merchant" : "shop " + shopId)));
    }

    @GetMapping("/models/clv/history")
    @PreAuthorize("hasAuthority('analytics.read')")
    @Operation(summary = "Fits newest first, of one shop, of the whole merchant (scope=merchant) or of all (cursor pagination)")
    CursorPage<ModelView> history(@RequestParam(required = false) UUID shopId,
                                  @RequestParam(required = false) String scope,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        ClvScope filter;
        if (shopId != null) {
            filter = ClvScope.ofNullable(shopId);
        } else if (scope == null || scope.isBlank() || "all".equals(scope)) {
            filter = null;
        } else if ("merchant".equals(scope)) {
            filter = ClvScope.merchantWide();
        } else {
            throw ApiProblemException.invalid("scope", "must be merchant or all");
        }
        return CursorPage.of(models.history(filter, page.cursorAsLong(), page.fetchSize()), page.limit(),
                m -> PageRequest.encode(Long.toString(m.id()))).map(ModelView::of);
    }

    @GetMapping("/models/clv/distribution")
    @PreAuthorize("hasAuthority('analytics.read')")
    @Operation(summary = "Customers per churn band and per tenth of P(alive) in the latest predictions of a scope")
    PredictionStore.Distribution distribution(@RequestParam(required = false) UUID shopId) {
        return predictions.distribution(ClvScope.ofNullable(shopId));
    }

    @GetMapping("/customers/{id}/predictions")
    @PreAuthorize("hasAuthority('analytics.read') and hasAuthority('customer.read')")
    @Operation(summary = "A customer's CLV predictions per scope (merchant-wide first); a merged-away id answers for "
            + "the customer it was merged into")
    List<PredictionView> customerPredictions(@PathVariable UUID id) {
        CustomerId customer = customers.survivorOf(new CustomerId(id))
                .orElseThrow(() -> ApiProblemException.notFound("Customer", id));
        return predictions.of(customer).stream().map(PredictionView::of).toList();
    }
}
