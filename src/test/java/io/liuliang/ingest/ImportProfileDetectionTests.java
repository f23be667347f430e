package io.liuliang.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising the platform from a header, and mapping columns to fields, automatically or by the user. */
class ImportProfileDetectionTests {

    static final String SHOPIFY_HEADER = "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"
            + "Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
            + "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,"
            + "Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,"
            + "Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,"
            + "Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,"
            + "Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,"
            + "Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,"
            + "Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,"
            + "Tax 1 Name,Tax 1 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
            + "Payment ID,Payment Terms Name,Next Payment Due At,Payment References";

    static List<String> header(String csv) {
        return Arrays.asList(csv.split(",", -1));
    }

    @Test
    void shopifyOrdersExportIsRecognised() {
        List<ProfileCandidate> candidates = ProfileDetector.detect(header(SHOPIFY_HEADER));
        ProfileCandidate best = candidates.get(0);
        assertThat(best.profile()).isEqualTo(ImportProfile.SHOPIFY);
        assertThat(best.complete()).isTrue();
        assertThat(best.score()).isEqualTo(1.0);
        assertThat(candidates).extracting(ProfileCandidate::profile).doesNotHaveDuplicates();
        assertThat(candidates.subList(1, candidates.size())).allSatisfy(c -> assertThat(c.score()).isLessThan(0.5));

        ColumnMapping mapping = best.mapping();
        assertThat(mapping.columnName(ImportField.ORDER_ID)).isEqualTo("Name");
        assertThat(mapping.columnName(ImportField.CUSTOMER_ID)).isEqualTo("Email");
        assertThat(mapping.columnName(ImportField.EMAIL)).isEqualTo("Email");
        assertThat(mapping.columnName(ImportField.STATUS)).isEqualTo("Financial Status");
        assertThat(mapping.columnName(ImportField.PHONE)).isEqualTo("Phone");
        assertThat(mapping.columnName(ImportField.PROVINCE)).isEqualTo("Shipping Province Name");
        assertThat(mapping.columnName(ImportField.QUANTITY)).isEqualTo("Lineitem quantity");

        String[] row = new String[mapping.header().size()];
        Arrays.fill(row, "");
        row[0] = "#1001";
        row[2] = "partially_refunded";
        row[15] = "2024-05-01 09:58:12 +0800";
        ImportRow importRow = new ImportRow(2, Arrays.asList(row));
        assertThat(ImportProfile.SHOPIFY.status(mapping.value(importRow, ImportField.STATUS)).valueOrNull())
                .isEqualTo(ImportedOrderStatus.PARTIALLY_REFUNDED);
        assertThat(ImportProfile.SHOPIFY.dateTimeParser(ZoneId.of("Europe/Paris"))
                .parse(mapping.value(importRow, ImportField.ORDERED_AT)).valueOrNull())
                .isEqualTo(Instant.parse("2024-05-01T01:58:12Z"));
        assertThat(mapping.value(importRow, ImportField.EMAIL)).isNull();
    }

    @Test
    void eachChinesePlatformIsTellFromTheOthers() {
        Map<ImportProfile, String> headers = new LinkedHashMap<>();
        headers.put(ImportProfile.TAOBAO, ImportFileReadingTests.TAOBAO_HEADER);
        headers.put(ImportProfile.JD, "订单号,下单帐号,商品名称,商品ID,订购数量,京东价,订单金额,应付金额,下单时间,付款确认时间,订单状态,"
                + "客户姓名,联系电话,客户地址,店铺名称");
        headers.put(ImportProfile.DOUYIN, "主订单编号,子订单编号,选购商品,商品ID,商品数量,商品单价,订单应付金额,订单提交时间,"
                + "支付完成时间,订单状态,收件人,收件人手机号,省,市,区,详细地址,买家留言,售后状态");
        headers.put(ImportProfile.YOUZAN, "订单号,归属店铺,订单类型,订单状态,下单时间,付款时间,商品金额合计,运费,店铺优惠合计,"
                + "应收订单金额,订单实付金额,商品名称,规格编码,商品数量,商品单价,收货人/提货人,收货人手机号/提货人手机号,收货人省份,"
                + "收货人城市,收货人地区,详细收货地址/提货地址,买家昵称");
        headers.forEach((profile, csv) -> {
            ProfileCandidate best = ProfileDetector.detect(header(csv)).get(0);
            assertThat(best.profile()).as(csv).isEqualTo(profile);
            assertThat(best.complete()).as(csv).isTrue();
        });
        ColumnMapping youzan = ProfileDetector.detect(header(headers.get(ImportProfile.YOUZAN))).get(0).mapping();
        assertThat(youzan.columnName(ImportField.NAME)).isEqualTo("收货人/提货人");
        assertThat(youzan.columnName(ImportField.PROVINCE)).isEqualTo("收货人省份");
    }

    @Test
    void taobaoLineReportWithoutBuyerIsIncompleteButStillRecognised() {
        List<String> lineReport = header("订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码");
        ProfileCandidate taobao = ProfileDetector.detect(lineReport).stream()
                .filter(c -> c.profile() == ImportProfile.TAOBAO).findFirst().orElseThrow();
        assertThat(taobao.complete()).isFalse();
        assertThat(taobao.missingRequired()).containsExactlyInAnyOrder(ImportField.CUSTOMER_ID, ImportField.ORDERED_AT);
        assertThat(taobao.mapping().columnName(ImportField.SKU)).isEqualTo("商家编码");
    }

    @Test
    void theGenericTemplateScoresOne() {
        List<String> template = header("order_id,customer_id,ordered_at,status,total_amount,currency,sku,product_name,"
                + "category,quantity,unit_price,name,phone,email,province,city,shop");
        ProfileCandidate best = ProfileDetector.detect(template).get(0);
        assertThat(best.profile()).isEqualTo(ImportProfile.GENERIC);
        assertThat(best.score()).isEqualTo(1.0);
        assertThat(best.mapping().columns()).hasSize(17);

        // only the required three, loosely written, with one extra field
        ProfileCandidate minimal = ProfileDetector.detect(List.of(" Order ID", "CUSTOMER_ID", "ordered-at", "paid_at"))
                .get(0);
        assertThat(minimal.profile()).isEqualTo(ImportProfile.GENERIC);
        assertThat(minimal.complete()).isTrue();
        assertThat(minimal.score()).isEqualTo(3.0 / 17);
        assertThat(minimal.mapping().columnName(ImportField.PAID_AT)).isEqualTo("paid_at");
        assertThat(ImportProfile.GENERIC.status("paid").valueOrNull()).isEqualTo(ImportedOrderStatus.PAID);
    }

    @Test
    void anUnrelatedHeaderMatchesNothing() {
        assertThat(ProfileDetector.detect(List.of("foo", "bar", "baz"))).isEmpty();
    }

    @Test
    void userOverridesAdjustTheAutomaticMapping() {
        List<String> jd = header("订单号,下单帐号,用户账号,下单时间,商品名称");
        MappingResult result = ColumnMapping.withOverrides(ImportProfile.JD, jd, Map.of("customer_id", "用户账号",
                "PRODUCT_NAME", ""));
        assertThat(result).isInstanceOf(MappingResult.Valid.class);
        ColumnMapping mapping = ((MappingResult.Valid) result).mapping();
        assertThat(mapping.column(ImportField.CUSTOMER_ID)).hasValue(2);
        assertThat(mapping.has(ImportField.PRODUCT_NAME)).isFalse();
        assertThat(mapping.column(ImportField.ORDER_ID)).hasValue(0);
        assertThat(mapping.describe()).containsEntry("customer_id", "用户账号").containsEntry("ordered_at", "下单时间");

        // a column named loosely still counts
        MappingResult loose = ColumnMapping.withOverrides(ImportProfile.SHOPIFY, header(SHOPIFY_HEADER),
                Map.of("customer_id", "billing_phone"));
        assertThat(((MappingResult.Valid) loose).mapping().columnName(ImportField.CUSTOMER_ID)).isEqualTo("Billing Phone");
    }

    @Test
    void anExplicitMappingUsesOnlyTheUsersChoices() {
        List<String> header = header("单号,买家,时间,金额");
        MappingResult result = ColumnMapping.explicit(ImportProfile.GENERIC, header,
                Map.of("order_id", "单号", "customer_id", "买家", "ordered_at", "时间"));
        assertThat(result).isInstanceOfSatisfying(MappingResult.Valid.class, valid -> {
            assertThat(valid.mapping().columns()).containsOnlyKeys(ImportField.ORDER_ID, ImportField.CUSTOMER_ID,
                    ImportField.ORDERED_AT);
            assertThat(valid.mapping().value(new ImportRow(2, List.of("A1", "c1", "2024-06-18", "9.90")),
                    ImportField.ORDER_ID)).isEqualTo("A1");
        });

        MappingResult missing = ColumnMapping.explicit(ImportProfile.GENERIC, header("order_id,customer_id,ordered_at"),
                Map.of("order_id", "order_id"));
        assertThat(missing).isInstanceOfSatisfying(MappingResult.Invalid.class, invalid -> assertThat(invalid.errors())
                .extracting(MappingError::field).containsExactly("customer_id", "ordered_at"));
    }

    @Test
    void badOverridesAreReportedOneByOne() {
        List<String> jd = header("订单号,下单帐号,下单时间,商品名称");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("order_idd", "订单号");
        overrides.put("product_name", "商品名称x");
        overrides.put("ordered_at", "");
        overrides.put("sku", "订单号");
        overrides.put("SKU", "商品名称");

        MappingResult result = ColumnMapping.withOverrides(ImportProfile.JD, jd, overrides);
        assertThat(result).isInstanceOf(MappingResult.Invalid.class);
        List<MappingError> errors = ((MappingResult.Invalid) result).errors();
        assertThat(errors).extracting(MappingError::kind).containsExactly(MappingError.Kind.UNKNOWN_FIELD,
                MappingError.Kind.UNKNOWN_COLUMN, MappingError.Kind.DUPLICATE_FIELD, MappingError.Kind.MISSING_REQUIRED);
        assertThat(errors.get(0).message()).contains("order_idd").contains("order_id");
        assertThat(errors.get(1).message()).contains("商品名称x").contains("product_name");
        assertThat(errors.get(1).column()).isEqualTo("商品名称x");
        assertThat(errors.get(3).field()).isEqualTo("ordered_at");
        assertThat(errors.get(3).message()).contains("ordered_at").contains("下单时间");

        ColumnMapping auto = ColumnMapping.auto(ImportProfile.GENERIC, List.of("order_id", "ordered_at"));
        assertThat(auto.validate()).isInstanceOfSatisfying(MappingResult.Invalid.class, invalid ->
                assertThat(invalid.errors()).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(MappingError.Kind.MISSING_REQUIRED);
                    assertThat(e.message()).contains("customer_id");
                }));
    }

    @Test
    void statusVocabulariesMapPlatformTextToTheLifecycle() {
        assertThat(ImportProfile.TAOBAO.status("等待买家付款").valueOrNull()).isEqualTo(ImportedOrderStatus.CREATED);
        assertThat(ImportProfile.TAOBAO.status("买家已付款，等待卖家发货").valueOrNull()).isEqualTo(ImportedOrderStatus.PAID);
        assertThat(ImportProfile.TAOBAO.status("买家已付款,等待卖家发货").valueOrNull()).isEqualTo(ImportedOrderStatus.PAID);
        assertThat(ImportProfile.TAOBAO.status(" 卖家已发货，等待买家确认 ").valueOrNull()).isEqualTo(ImportedOrderStatus.SHIPPED);
        assertThat(ImportProfile.TAOBAO.status("交易成功").valueOrNull()).isEqualTo(ImportedOrderStatus.COMPLETED);
        assertThat(ImportProfile.TAOBAO.status("交易关闭").valueOrNull()).isEqualTo(ImportedOrderStatus.CANCELLED);
        assertThat(ImportProfile.SHOPIFY.status("Paid").valueOrNull()).isEqualTo(ImportedOrderStatus.PAID);
        assertThat(ImportProfile.SHOPIFY.status("refunded").valueOrNull()).isEqualTo(ImportedOrderStatus.REFUNDED);
        assertThat(ImportProfile.SHOPIFY.status("pending").valueOrNull()).isEqualTo(ImportedOrderStatus.CREATED);
        assertThat(ImportProfile.SHOPIFY.status("voided").valueOrNull()).isEqualTo(ImportedOrderStatus.CANCELLED);
        assertThat(ImportProfile.DOUYIN.status("备货中").valueOrNull()).isEqualTo(ImportedOrderStatus.PAID);
        assertThat(ImportProfile.YOUZAN.status("交易完成").valueOrNull()).isEqualTo(ImportedOrderStatus.COMPLETED);
        assertThat(ImportProfile.JD.status("等待确认收货").valueOrNull()).isEqualTo(ImportedOrderStatus.SHIPPED);

        assertThat(ImportProfile.TAOBAO.status("")).isEqualTo(ParseResult.ok(null));
        assertThat(ImportProfile.TAOBAO.status("火星状态")).isInstanceOfSatisfying(ParseResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Rejection.UNKNOWN_STATUS);
            assertThat(r.message()).contains("火星状态");
        });

        assertThat(ImportProfile.ONLINE_RETAIL.impliedStatus("C536379")).hasValue(ImportedOrderStatus.CANCELLED);
        assertThat(ImportProfile.ONLINE_RETAIL.impliedStatus("536365")).hasValue(ImportedOrderStatus.COMPLETED);
        assertThat(ImportProfile.TAOBAO.impliedStatus("123")).isEmpty();
    }

    @Test
    void profilesDeclareTheirDefaults() {
        assertThat(ImportProfile.byId("online_retail")).hasValue(ImportProfile.ONLINE_RETAIL);
        assertThat(ImportProfile.byId("nope")).isEmpty();
        assertThat(ImportProfile.ONLINE_RETAIL.zone(ZoneId.of("Asia/Shanghai"))).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(ImportProfile.GENERIC.zone(ZoneId.of("Asia/Tokyo"))).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(ImportProfile.TAOBAO.defaults().currency()).isEqualTo("CNY");
        assertThat(ImportProfile.SHOPIFY.defaults().currencyIfKnown()).isEmpty();
        for (ImportProfile profile : ImportProfile.values()) {
            assertThat(profile.required()).as(profile.id()).contains(ImportField.ORDER_ID, ImportField.ORDERED_AT);
            assertThat(profile.detectionFields()).as(profile.id()).containsAll(profile.required());
            assertThat(profile.dateTimePatterns()).as(profile.id()).contains("uuuu-M-d'T'H:mm:ss");
        }
    }
}
