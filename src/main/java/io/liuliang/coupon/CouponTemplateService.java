package io.liuliang.coupon;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.order.Shops;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;
import io.liuliang.shared.ShopId;

/** Creates, changes and lists coupon templates, validating their terms field by field. */
@Service
class CouponTemplateService {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_VALID_DAYS = 3_650;
    static final int MAX_CATEGORIES = 100;
    static final int MAX_NOTICE_DAYS = 365;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MAX_MONEY = new BigDecimal("9999999999999999.99");

    private final CouponTemplateStore store;
    private final Shops shops;
    private final io.liuliang.loyalty.MemberTiers tiers;
    private final Clock clock;

    CouponTemplateService(CouponTemplateStore store, Shops shops, io.liuliang.loyalty.MemberTiers tiers, Clock clock) {
        this.store = store;
        this.shops = shops;
        this.tiers = tiers;
        this.clock = clock;
    }

    /** A template as a client writes it (see the README for each field). */
    record TemplateInput(String name, String description, String kind, BigDecimal amountOff, BigDecimal threshold,
                         BigDecimal percentOff, BigDecimal maxDiscount, String giftName, String currency,
                         String validityType, Instant validFrom, Instant validUntil, Integer validDays,
                         Integer totalStock, Integer perCustomerLimit, List<UUID> shopIds, List<String> categories,
                         String minTier, Boolean restoreOnCancel, Integer expiringNoticeDays, String status) {
    }

    java.util.Optional<CouponTemplate> find(UUID id) {
        return store.find(id);
    }

    CouponTemplate get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("coupon template", id));
    }

    CursorPage<CouponTemplate> list(String q, String status, PageRequest page) {
        TemplateStatus s = status == null || status.isBlank() ? null : TemplateStatus.ofCode(status)
                .orElseThrow(() -> ApiProblemException.invalid("status", "must be one of active, paused, archived"));
        PageRequest.After<String> after = page.cursorAsValueAndId('\u0000', name -> name);
        List<CouponTemplate> rows = store.list(q, s, after == null ? null : after.value(), after == null ? null : after.id(),
                page.limit() + 1);
        return CursorPage.of(rows, page.limit(), t -> PageRequest.encode(t.name().toLowerCase(), '\u0000', t.id()));
    }

    @Transactional
    CouponTemplate create(TemplateInput input) {
        if (input == null) {
            throw ApiProblemException.invalid("body", "a coupon template is required");
        }
        Instant now = clock.instant();
        CouponTemplate t = validated(UUID.randomUUID(), input, null, now);
        store.insert(t);
        return t;
    }

    @Transactional
    CouponTemplate update(UUID id, TemplateInput input) {
        if (input == null) {
            throw ApiProblemException.invalid("body", "a coupon template is required");
        }
        CouponTemplate current = store.lock(id).orElseThrow(() -> ApiProblemException.notFound("coupon template", id));
        CouponTemplate t = validated(id, input, current, clock.instant());
        if (current.issuedCount() > 0) {
            List<String> changed = new ArrayList<>();
            if (t.kind() != current.kind()) {
                changed.add("kind");
            }
            if (!sameMoney(t.amountOff(), current.amountOff())) {
                changed.add("amountOff");
            }
            if (!sameMoney(t.threshold(), current.threshold())) {
                changed.add("threshold");
            }
            if (!sameMoney(t.percentOff(), current.percentOff())) {
                changed.add("percentOff");
            }
            if (!sameMoney(t.maxDiscount(), current.maxDiscount())) {
                changed.add("maxDiscount");
            }
            if (!t.currency().equals(current.currency())) {
                changed.add("currency");
            }
            if (!changed.isEmpty()) {
                throw new ApiProblemException(io.liuliang.shared.ProblemType.CONFLICT, current.issuedCount()
                        + " coupons were issued with these terms, so " + String.join(", ", changed)
                        + " can no longer change; create a new template instead",
                        changed.stream().map(f -> new FieldError(f, "cannot change after coupons were issued")).toList(),
                        java.util.Map.of());
            }
            if (t.totalStock() != null && t.totalStock() < current.issuedCount()) {
                throw ApiProblemException.conflict("totalStock", "totalStock " + t.totalStock() + " is below the "
                        + current.issuedCount() + " coupons already issued");
            }
        }
        store.update(t);
        return store.find(id).orElseThrow();
    }

    private static boolean sameMoney(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private CouponTemplate validated(UUID id, TemplateInput in, CouponTemplate current, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().trim();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        String description = blankToNull(in.description());
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        CouponKind kind = null;
        if (in.kind() == null) {
            errors.add(new FieldError("kind", "is required: amount_off, percent_off, free_shipping or gift"));
        } else {
            kind = CouponKind.ofCode(in.kind()).orElse(null);
            if (kind == null) {
                errors.add(new FieldError("kind", "must be one of amount_off, percent_off, free_shipping, gift"));
            }
        }
        BigDecimal amountOff = CouponTemplateStore.money(in.amountOff());
        BigDecimal percentOff = in.percentOff() == null ? null : in.percentOff().setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal maxDiscount = CouponTemplateStore.money(in.maxDiscount());
        String giftName = blankToNull(in.giftName());
        BigDecimal threshold = in.threshold() == null ? BigDecimal.ZERO.setScale(2) : CouponTemplateStore.money(in.threshold());
        if (threshold.signum() < 0 || threshold.compareTo(MAX_MONEY) > 0) {
            errors.add(new FieldError("threshold", "must be 0 or more"));
        }
        if (kind == CouponKind.AMOUNT_OFF) {
            if (amountOff == null || amountOff.signum() <= 0 || amountOff.compareTo(MAX_MONEY) > 0) {
                errors.add(new FieldError("amountOff", "must be more than 0 for an amount-off coupon"));
            }
        } else if (amountOff != null) {
            errors.add(new FieldError("amountOff", "applies to amount_off coupons only"));
        }
        if (kind == CouponKind.PERCENT_OFF) {
            if (percentOff == null || percentOff.signum() <= 0 || percentOff.compareTo(HUNDRED) >= 0) {
                errors.add(new FieldError("percentOff", "must be more than 0 and less than 100 (15 means 15% off)"));
            }
            if (maxDiscount != null && (maxDiscount.signum() <= 0 || maxDiscount.compareTo(MAX_MONEY) > 0)) {
                errors.add(new FieldError("maxDiscount", "must be more than 0 when given"));
            }
        } else {
            if (percentOff != null) {
                errors.add(new FieldError("percentOff", "applies to percent_off coupons only"));
            }
            if (maxDiscount != null) {
                errors.add(new FieldError("maxDiscount", "applies to percent_off coupons only"));
            }
        }
        if (kind == CouponKind.GIFT) {
            if (giftName == null) {
                errors.add(new FieldError("giftName", "is required for a gift coupon"));
            } else if (giftName.length() > MAX_NAME) {
                errors.add(new FieldError("giftName", "must be at most " + MAX_NAME + " characters"));
            }
        } else if (giftName != null) {
            errors.add(new FieldError("giftName", "applies to gift coupons only"));
        }
        if (kind == CouponKind.AMOUNT_OFF && amountOff != null && threshold.signum() > 0 && amountOff.compareTo(threshold) > 0) {
            errors.add(new FieldError("amountOff", "must not exceed the threshold of " + threshold.toPlainString()));
        }
        String currency = in.currency() == null || in.currency().isBlank() ? "CNY" : in.currency().trim().toUpperCase();
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code such as CNY"));
        }
        ValidityType validity = null;
        if (in.validityType() == null) {
            errors.add(new FieldError("validityType", "is required: fixed or relative"));
        } else {
            validity = ValidityType.ofCode(in.validityType()).orElse(null);
            if (validity == null) {
                errors.add(new FieldError("validityType", "must be fixed or relative"));
            }
        }
        Instant validFrom = null;
        Instant validUntil = null;
        Integer validDays = null;
        if (validity == ValidityType.FIXED) {
            validFrom = in.validFrom();
            validUntil = in.validUntil();
            if (validUntil == null) {
                errors.add(new FieldError("validUntil", "is required for fixed validity"));
            } else if (validFrom != null && !validFrom.isBefore(validUntil)) {
                errors.add(new FieldError("validUntil", "must be after validFrom"));
            } else if (current == null && !validUntil.isAfter(now)) {
                errors.add(new FieldError("validUntil", "must be in the future"));
            }
            if (in.validDays() != null) {
                errors.add(new FieldError("validDays", "applies to relative validity only"));
            }
        } else if (validity == ValidityType.RELATIVE) {
            validDays = in.validDays();
            if (validDays == null || validDays < 1 || validDays > MAX_VALID_DAYS) {
                errors.add(new FieldError("validDays", "must be between 1 and " + MAX_VALID_DAYS));
            }
            if (in.validFrom() != null || in.validUntil() != null) {
                errors.add(new FieldError(in.validFrom() != null ? "validFrom" : "validUntil",
                        "applies to fixed validity only"));
            }
        }
        Integer totalStock = in.totalStock();
        if (totalStock != null && totalStock < 1) {
            errors.add(new FieldError("totalStock", "must be 1 or more, or empty for unlimited"));
        }
        int perCustomer = in.perCustomerLimit() == null ? 1 : in.perCustomerLimit();
        if (perCustomer < 1) {
            errors.add(new FieldError("perCustomerLimit", "must be 1 or more"));
        }
        int notice = in.expiringNoticeDays() == null ? 3 : in.expiringNoticeDays();
        if (notice < 0 || notice > MAX_NOTICE_DAYS) {
            errors.add(new FieldError("expiringNoticeDays", "must be between 0 and " + MAX_NOTICE_DAYS));
        }
        List<UUID> shopIds = in.shopIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(in.shopIds()));
        for (int i = 0; i < shopIds.size(); i++) {
            UUID shop = shopIds.get(i);
            if (shop == null || shops.find(new ShopId(shop)).isEmpty()) {
                errors.add(new FieldError("shopIds[" + i + "]", "no shop " + shop));
            }
        }
        List<String> categories = new ArrayList<>();
        if (in.categories() != null) {
            if (in.categories().size() > MAX_CATEGORIES) {
                errors.add(new FieldError("categories", "at most " + MAX_CATEGORIES + " categories"));
            }
            for (int i = 0; i < in.categories().size(); i++) {
                String c = blankToNull(in.categories().get(i));
                if (c == null) {
                    errors.add(new FieldError("categories[" + i + "]", "must not be blank"));
                } else if (!categories.contains(c)) {
                    categories.add(c);
                }
            }
        }
        String minTier = blankToNull(in.minTier());
        if (minTier != null && tiers.rankOf(minTier).isEmpty()) {
            errors.add(new FieldError("minTier", "no loyalty tier " + minTier));
        }
        TemplateStatus status = TemplateStatus.ACTIVE;
        if (in.status() != null) {
            status = TemplateStatus.ofCode(in.status()).orElse(null);
            if (status == null) {
                errors.add(new FieldError("status", "must be one of active, paused, archived"));
            }
        } else if (current != null) {
            status = current.status();
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        String actor = actor();
        return new CouponTemplate(id, name, description, kind, amountOff, threshold, percentOff, maxDiscount, giftName,
                currency, validity, validFrom, validUntil, validDays, totalStock,
                current == null ? 0 : current.issuedCount(), perCustomer, shopIds, categories, minTier,
                in.restoreOnCancel() == null || in.restoreOnCancel(), notice, Objects.requireNonNull(status),
                current == null ? now : current.createdAt(), current == null ? actor : current.createdBy(), now, actor);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
