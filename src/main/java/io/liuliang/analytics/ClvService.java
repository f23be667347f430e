package io.liuliang.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.order.Shop;
import io.liuliang.order.Shops;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ShopId;
import tools.jackson.databind.json.JsonMapper;

/** Validates fit requests and queues them as jobs. */
@Service
class ClvService {

    private final Shops shops;
    private final ClvHistories histories;
    private final ClvProperties properties;
    private final Jobs jobs;
    private final JsonMapper json;
    private final Clock clock;

    ClvService(Shops shops, ClvHistories histories, ClvProperties properties, Jobs jobs, JsonMapper json, Clock clock) {
        this.shops = shops;
        this.histories = histories;
        this.properties = properties;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    /** The validated request with its defaults, ready to run. */
    ClvFitJob.Payload validate(ClvFitRequest request, String requestedBy) {
        ClvFitRequest r = request == null ? new ClvFitRequest(null, null, null) : request;
        ClvScope scope = ClvScope.ofNullable(r.shopId());
        ZoneId zone = properties.zone();
        if (r.shopId() != null) {
            Shop shop = shops.find(new ShopId(r.shopId()))
                    .orElseThrow(() -> ApiProblemException.invalid("shopId", "there is no shop " + r.shopId()));
            zone = shop.timezone();
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<FieldError> errors = new ArrayList<>();
        if (r.calibrationEnd() != null && r.calibrationEnd().isAfter(today)) {
            errors.add(new FieldError("calibrationEnd", "is in the future (today is " + today + ")"));
        }
        if (r.holdoutEnd() != null && r.holdoutEnd().isAfter(today)) {
            errors.add(new FieldError("holdoutEnd", "is in the future (today is " + today + ")"));
        }
        if (r.calibrationEnd() != null && r.holdoutEnd() != null && r.holdoutEnd().isBefore(r.calibrationEnd())) {
            errors.add(new FieldError("holdoutEnd", "must not be before calibrationEnd"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        LocalDate first = histories.firstPurchaseDay(scope).orElseThrow(() -> ApiProblemException.invalid(
                r.shopId() != null ? "shopId" : "calibrationEnd", "there are no orders of known customers to fit on"));
        LocalDate holdoutEnd = r.holdoutEnd() != null ? r.holdoutEnd() : today;
        LocalDate calibrationEnd = r.calibrationEnd();
        if (calibrationEnd == null) {
            LocalDate withHoldout = holdoutEnd.minusWeeks(properties.holdoutWeeks());
            calibrationEnd = withHoldout.isBefore(first) ? holdoutEnd : withHoldout;
        }
        if (calibrationEnd.isBefore(first)) {
            throw ApiProblemException.invalid("calibrationEnd", "is before the first order (" + first + ")");
        }
        long repeaters = histories.repeaters(scope, calibrationEnd, properties.minRepeaters());
        if (repeaters < properties.minRepeaters()) {
            throw ApiProblemException.invalid("calibrationEnd", "only " + repeaters + " customers bought again by "
                    + calibrationEnd + "; a fit needs at least " + properties.minRepeaters());
        }
        return new ClvFitJob.Payload(r.shopId(), calibrationEnd, holdoutEnd, requestedBy);
    }

    JobId submit(ClvFitJob.Payload payload) {
        String what = payload.shopId() == null ? "the whole merchant" : "shop " + payload.shopId();
        return jobs.submit(new JobSubmission(ClvFitJob.TYPE, "CLV model fit for " + what + ", calibration to "
                + payload.calibrationEnd() + ", holdout to " + payload.holdoutEnd(), json.writeValueAsString(payload), null));
    }
}
