package io.liuliang.ingest;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A platform's export layout: which header names mean which {@link ImportField}, which fields an import needs,
 * what to assume when the file does not say (currency, zone), how it writes date-times, and what its status texts
 * mean in our {@link ImportedOrderStatus} lifecycle. Its declarations are in {@link ProfileCatalog}.
 */
enum ImportProfile {

    TAOBAO("taobao", "淘宝/天猫", ProfileCatalog.taobao()),
    JD("jd", "京东", ProfileCatalog.jd()),
    DOUYIN("douyin", "抖店", ProfileCatalog.douyin()),
    YOUZAN("youzan", "有赞", ProfileCatalog.youzan()),
    SHOPIFY("shopify", "Shopify", ProfileCatalog.shopify()),
    ONLINE_RETAIL("online_retail", "Online Retail (UCI)", ProfileCatalog.onlineRetail()),
    GENERIC("generic", "Liuliang template", ProfileCatalog.generic());

    private final String id;
    private final String displayName;
    private final ProfileSpec spec;
    /** Alias keys per field, in priority order, as {@link ImportText#key} gives them. */
    private final Map<ImportField, List<String>> aliasKeys;
    private final Map<String, ImportedOrderStatus> statusKeys;

    ImportProfile(String id, String displayName, ProfileSpec spec) {
        this.id = id;
        this.displayName = displayName;
        this.spec = spec;
        Map<ImportField, List<String>> keys = new EnumMap<>(ImportField.class);
        spec.aliases().forEach((field, names) -> keys.put(field, names.stream().map(ImportText::key).toList()));
        this.aliasKeys = Collections.unmodifiableMap(keys);
        Map<String, ImportedOrderStatus> statuses = new HashMap<>();
        spec.statuses().forEach((text, status) -> statuses.putIfAbsent(ImportText.key(text), status));
        this.statusKeys = Map.copyOf(statuses);
    }

    /** The stable id used in the API and in job parameters, such as {@code online_retail}. */
    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    static Optional<ImportProfile> byId(String id) {
        for (ImportProfile profile : values()) {
            if (profile.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /** Header names for {@code field}, the preferred first; empty if this profile does not know the field. */
    List<String> aliases(ImportField field) {
        return spec.aliases().getOrDefault(field, List.of());
    }

    /** {@link #aliases} as comparison keys. */
    List<String> aliasKeys(ImportField field) {
        return aliasKeys.getOrDefault(field, List.of());
    }

    /** The fields this profile has columns for. */
    Set<ImportField> fields() {
        return spec.aliases().keySet();
    }

    /** The fields that must be mapped for an import with this profile to run. */
    Set<ImportField> required() {
        return spec.required();
    }

    /** The fields whose presence counts towards the detection score: required plus known columns. */
    Set<ImportField> detectionFields() {
        return spec.detectionFields();
    }

    ProfileDefaults defaults() {
        return spec.defaults();
    }

    /** Date-time patterns, tried in order. */
    List<String> dateTimePatterns() {
        return spec.dateTimePatterns();
    }

    /** The zone local date-times in this profile's files are in: the profile's own, else the shop's. */
    ZoneId zone(ZoneId shopZone) {
        return spec.defaults().zone() != null ? spec.defaults().zone() : shopZone;
    }

    /** A parser for this profile's date-times; one per import, as it is not thread-safe. */
    ImportDateTimeParser dateTimeParser(ZoneId shopZone) {
        return new ImportDateTimeParser(spec.dateTimePatterns(), zone(shopZone));
    }

    /** The status texts this profile knows, as written by the platform. */
    Map<String, ImportedOrderStatus> statusVocabulary() {
        return spec.statuses();
    }

    /**
     * What a status text means: matched after case-folding and ignoring white space and full-width punctuation
     * ({@code 买家已付款，等待卖家发货} = {@code 买家已付款,等待卖家发货}). Blank gives a blank result.
     */
    ParseResult<ImportedOrderStatus> status(String text) {
        String cleaned = ImportText.clean(text);
        if (ImportValues.isNone(cleaned)) {
            return ParseResult.blank();
        }
        ImportedOrderStatus status = statusKeys.get(ImportText.key(cleaned));
        return status != null ? ParseResult.ok(status) : ParseResult.rejected(Rejection.UNKNOWN_STATUS, cleaned);
    }

    /**
     * The status a row has when its file has no status column: {@link ImportedOrderStatus#CANCELLED} for an order id
     * with the profile's cancellation prefix, else the profile's default status, if any.
     */
    Optional<ImportedOrderStatus> impliedStatus(String orderId) {
        ProfileDefaults defaults = spec.defaults();
        if (defaults.cancelledOrderPrefix() != null && orderId != null
                && orderId.startsWith(defaults.cancelledOrderPrefix())) {
            return Optional.of(ImportedOrderStatus.CANCELLED);
        }
        return Optional.ofNullable(defaults.status());
    }
}
