package io.liuliang.ingest;

import static io.liuliang.ingest.ImportField.ADDRESS;
import static io.liuliang.ingest.ImportField.BUYER_REMARK;
import static io.liuliang.ingest.ImportField.CATEGORY;
import static io.liuliang.ingest.ImportField.CITY;
import static io.liuliang.ingest.ImportField.COUNTRY;
import static io.liuliang.ingest.ImportField.CURRENCY;
import static io.liuliang.ingest.ImportField.CUSTOMER_ID;
import static io.liuliang.ingest.ImportField.DISCOUNT;
import static io.liuliang.ingest.ImportField.EMAIL;
import static io.liuliang.ingest.ImportField.NAME;
import static io.liuliang.ingest.ImportField.ORDERED_AT;
import static io.liuliang.ingest.ImportField.ORDER_ID;
import static io.liuliang.ingest.ImportField.PAID_AMOUNT;
import static io.liuliang.ingest.ImportField.PAID_AT;
import static io.liuliang.ingest.ImportField.PHONE;
import static io.liuliang.ingest.ImportField.PRODUCT_ID;
import static io.liuliang.ingest.ImportField.PRODUCT_NAME;
import static io.liuliang.ingest.ImportField.PROVINCE;
import static io.liuliang.ingest.ImportField.QUANTITY;
import static io.liuliang.ingest.ImportField.REFUND_AMOUNT;
import static io.liuliang.ingest.ImportField.SHIPPING;
import static io.liuliang.ingest.ImportField.SHOP;
import static io.liuliang.ingest.ImportField.SKU;
import static io.liuliang.ingest.ImportField.STATUS;
import static io.liuliang.ingest.ImportField.TOTAL_AMOUNT;
import static io.liuliang.ingest.ImportField.UNIT_PRICE;
import static io.liuliang.ingest.ImportedOrderStatus.CANCELLED;
import static io.liuliang.ingest.ImportedOrderStatus.COMPLETED;
import static io.liuliang.ingest.ImportedOrderStatus.CREATED;
import static io.liuliang.ingest.ImportedOrderStatus.DELIVERED;
import static io.liuliang.ingest.ImportedOrderStatus.PAID;
import static io.liuliang.ingest.ImportedOrderStatus.PARTIALLY_REFUNDED;
import static io.liuliang.ingest.ImportedOrderStatus.REFUNDED;
import static io.liuliang.ingest.ImportedOrderStatus.SHIPPED;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The column names, defaults, date-time formats and status texts of each platform's order export. Aliases are
 * matched loosely (see {@link ImportText#key}), so {@code 收货人（姓名）}, {@code Lineitem SKU} and
 * {@code lineitem_sku} need no separate entries. Where a platform has renamed a column over the years, or its
 * order report and line report differ, all names are listed, the current one first.
 */
final class ProfileCatalog {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Local date-times as Chinese platforms and Excel write them, with or without seconds. */
    static final List<String> CHINESE_DATE_TIMES = List.of(
            "uuuu-M-d H:mm:ss", "uuuu/M/d H:mm:ss", "uuuu-M-d H:mm", "uuuu/M/d H:mm",
            "uuuu年M月d日 H:mm:ss", "uuuu年M月d日 H:mm", "uuuu.M.d H:mm:ss");

    /** What every profile also reads: ISO forms (xlsx dates are read as ISO local date-times) and plain dates. */
    static final List<String> COMMON_DATE_TIMES = List.of(
            "uuuu-M-d'T'H:mm:ss", "uuuu-M-d'T'H:mm:ssXXX", "uuuu-M-d'T'H:mm", "uuuu-M-d H:mm:ssXXX",
            "uuuu-M-d", "uuuu/M/d", "uuuu年M月d日");

    private ProfileCatalog() {
    }

    private static List<String> dateTimes(List<String> own) {
        List<String> all = new ArrayList<>(own);
        for (String pattern : COMMON_DATE_TIMES) {
            if (!all.contains(pattern)) {
                all.add(pattern);
            }
        }
        return all;
    }

    /** 淘宝/天猫 卖家中心 “已卖出的宝贝” 订单报表 (ExportOrderList) and 宝贝报表 (ExportOrderDetailList). */
    static ProfileSpec taobao() {
        return ProfileSpec.builder()
                .required(ORDER_ID, "订单编号", "主订单编号")
                .required(CUSTOMER_ID, "买家会员名", "买家昵称", "买家会员名称")
                .required(ORDERED_AT, "订单创建时间", "买家下单时间", "创建时间")
                .field(PAID_AT, "订单付款时间", "买家付款时间", "付款时间")
                .field(STATUS, "订单状态")
                .field(TOTAL_AMOUNT, "总金额", "买家应付货款")
                .field(PAID_AMOUNT, "买家实际支付金额", "买家实付金额", "实付金额")
                .field(DISCOUNT, "店铺优惠", "优惠金额")
                .field(SHIPPING, "买家应付邮费", "邮费")
                .field(SKU, "商家编码", "外部系统编号", "商家sku编码")
                .field(PRODUCT_ID, "宝贝ID", "商品ID")
                .field(PRODUCT_NAME, "宝贝标题", "标题", "商品标题")
                .field(CATEGORY, "宝贝类目", "类目")
                .field(QUANTITY, "购买数量", "宝贝总数量", "数量")
                .field(UNIT_PRICE, "价格", "单价")
                .field(REFUND_AMOUNT, "退款金额")
                .field(BUYER_REMARK, "买家留言")
                .field(NAME, "收货人姓名", "收货人")
                .field(PHONE, "联系手机", "收货人手机号", "联系电话")
                .field(ADDRESS, "收货地址", "收货人地址")
                .field(SHOP, "店铺名称")
                .defaults(ProfileDefaults.of("CNY", SHANGHAI))
                .dateTimes(dateTimes(CHINESE_DATE_TIMES))
                .status(CREATED, "等待买家付款", "待付款")
                .status(PAID, "买家已付款，等待卖家发货", "买家已付款,等待卖家发货", "等待卖家发货", "待发货")
                .status(SHIPPED, "卖家已发货，等待买家确认", "卖家已发货,等待买家确认", "卖家部分发货", "部分发货",
                        "已发货")
                .status(DELIVERED, "买家已签收", "已签收")
                .status(COMPLETED, "交易成功")
                .status(CANCELLED, "交易关闭", "付款以前，卖家或买家主动关闭交易", "交易自动关闭")
                .status(REFUNDED, "付款以后用户退款成功，交易自动关闭", "退款成功")
                .build();
    }

    /** 京东 商家后台 (POP) 订单查询 → 导出. */
    static ProfileSpec jd() {
        return ProfileSpec.builder()
                .required(ORDER_ID, "订单号")
                .required(CUSTOMER_ID, "下单帐号", "下单账号", "用户账号", "用户帐号", "客户账号")
                .required(ORDERED_AT, "下单时间")
                .field(PAID_AT, "付款确认时间", "付款时间", "支付时间")
                .field(STATUS, "订单状态")
                .field(TOTAL_AMOUNT, "订单金额", "订单总金额")
                .field(PAID_AMOUNT, "应付金额", "实付金额")
                .field(DISCOUNT, "优惠金额", "商家优惠")
                .field(SHIPPING, "运费金额", "运费")
                .field(SKU, "商家SKU", "SKU", "商品编码")
                .field(PRODUCT_ID, "商品ID", "商品编号")
                .field(PRODUCT_NAME, "商品名称")
                .field(QUANTITY, "订购数量", "商品数量", "数量")
                .field(UNIT_PRICE, "京东价", "单价")
                .field(REFUND_AMOUNT, "退款金额")
                .field(BUYER_REMARK, "客户留言", "买家留言", "订单备注")
                .field(NAME, "客户姓名", "收货人")
                .field(PHONE, "联系电话", "客户电话", "收货人手机")
                .field(ADDRESS, "客户地址", "收货地址")
                .field(SHOP, "店铺名称")
                .defaults(ProfileDefaults.of("CNY", SHANGHAI))
                .dateTimes(dateTimes(CHINESE_DATE_TIMES))
                .status(CREATED, "等待付款", "等待付款确认", "待付款")
                .status(PAID, "等待出库", "等待发货", "待出库", "已付款")
                .status(SHIPPED, "等待确认收货", "已出库", "配送中", "已发货")
                .status(DELIVERED, "已收货", "已妥投")
                .status(COMPLETED, "完成", "已完成", "订单完成")
                .status(CANCELLED, "已取消", "取消", "订单取消", "(删除)", "已删除")
                .status(REFUNDED, "退款成功", "已退款")
                .build();
    }

    /** 抖店 (Douyin shop) 订单管理 → 批量导出. */
    static ProfileSpec douyin() {
        return ProfileSpec.builder()
                .required(ORDER_ID, "主订单编号", "主订单号")
                .required(ORDERED_AT, "订单提交时间", "下单时间")
                .field(CUSTOMER_ID, "用户ID", "用户昵称", "买家昵称")
                .field(PAID_AT, "支付完成时间", "支付时间")
                .field(STATUS, "订单状态")
                .field(TOTAL_AMOUNT, "订单应付金额", "订单金额")
                .field(PAID_AMOUNT, "实付金额", "支付金额")
                .field(DISCOUNT, "优惠总金额", "商家实际承担优惠金额", "优惠金额")
                .field(SHIPPING, "运费")
                .field(SKU, "商家编码", "商品编码")
                .field(PRODUCT_ID, "商品ID")
                .field(PRODUCT_NAME, "选购商品", "商品名称")
                .field(QUANTITY, "商品数量")
                .field(UNIT_PRICE, "商品单价", "单价")
                .field(REFUND_AMOUNT, "退款金额")
                .field(BUYER_REMARK, "买家留言")
                .field(NAME, "收件人", "收件人姓名")
                .field(PHONE, "收件人手机号", "收件人电话")
                .field(PROVINCE, "省")
                .field(CITY, "市")
                .field(ADDRESS, "详细地址")
                .field(SHOP, "店铺名称", "店铺")
                .defaults(ProfileDefaults.of("CNY", SHANGHAI))
                .dateTimes(dateTimes(CHINESE_DATE_TIMES))
                .status(CREATED, "待支付", "待付款")
                .status(PAID, "备货中", "待发货", "已支付")
                .status(SHIPPED, "已发货", "部分发货")
                .status(DELIVERED, "已签收")
                .status(COMPLETED, "已完成")
                .status(CANCELLED, "已关闭", "已取消", "订单取消")
                .status(REFUNDED, "退款成功", "已退款")
                .build();
    }

    /** 有赞 订单 → 导出 (订单维度 and 商品维度). */
    static ProfileSpec youzan() {
        return ProfileSpec.builder()
                .required(ORDER_ID, "订单号")
                .required(ORDERED_AT, "下单时间", "订单创建时间")
                .field(CUSTOMER_ID, "买家昵称", "会员手机号", "粉丝昵称")
                .field(PAID_AT, "付款时间", "买家付款时间")
                .field(STATUS, "订单状态")
                .field(TOTAL_AMOUNT, "应收订单金额", "订单金额", "商品金额合计")
                .field(PAID_AMOUNT, "订单实付金额", "实付金额")
                .field(DISCOUNT, "店铺优惠合计", "优惠金额")
                .field(SHIPPING, "运费")
                .field(SKU, "规格编码", "商品编码")
                .field(PRODUCT_NAME, "商品名称", "全部商品名称")
                .field(QUANTITY, "商品数量", "数量")
                .field(UNIT_PRICE, "商品单价", "单价")
                .field(REFUND_AMOUNT, "退款金额", "已退款金额")
                .field(BUYER_REMARK, "买家备注", "买家留言")
                .field(NAME, "收货人/提货人", "收货人", "收货人姓名", "买家姓名")
                .field(PHONE, "收货人手机号/提货人手机号", "收货人手机号", "收货人电话")
                .field(PROVINCE, "收货人省份")
                .field(CITY, "收货人城市")
                .field(ADDRESS, "详细收货地址/提货地址", "详细收货地址", "收货地址")
                .field(SHOP, "归属店铺", "店铺名称")
                .defaults(ProfileDefaults.of("CNY", SHANGHAI))
                .dateTimes(dateTimes(CHINESE_DATE_TIMES))
                .status(CREATED, "待付款", "等待买家付款")
                .status(PAID, "待发货", "等待商家发货", "已付款", "待成团")
                .status(SHIPPED, "已发货", "商家已发货", "部分发货")
                .status(DELIVERED, "已签收")
                .status(COMPLETED, "已完成", "交易完成", "交易成功")
                .status(CANCELLED, "已关闭", "交易关闭", "已取消")
                .status(REFUNDED, "已退款", "退款成功")
                .build();
    }

    /**
     * Shopify admin → Orders → Export (CSV). A multi-item order has one row per line item, with the order's own
     * columns (Email, Financial Status, Total, …) filled on its first row only.
     */
    static ProfileSpec shopify() {
        return ProfileSpec.builder()
                .required(ORDER_ID, "Name", "Id")
                .required(ORDERED_AT, "Created at")
                .field(CUSTOMER_ID, "Email")
                .field(PAID_AT, "Paid at")
                .field(STATUS, "Financial Status")
                .field(TOTAL_AMOUNT, "Total")
                .field(DISCOUNT, "Discount Amount")
                .field(SHIPPING, "Shipping")
                .field(CURRENCY, "Currency")
                .field(SKU, "Lineitem sku")
                .field(PRODUCT_NAME, "Lineitem name")
                .field(QUANTITY, "Lineitem quantity")
                .field(UNIT_PRICE, "Lineitem price")
                .field(REFUND_AMOUNT, "Refunded Amount")
                .field(BUYER_REMARK, "Notes", "Note")
                .field(NAME, "Billing Name", "Shipping Name")
                .field(PHONE, "Phone", "Billing Phone", "Shipping Phone")
                .field(EMAIL, "Email")
                .field(PROVINCE, "Shipping Province Name", "Shipping Province", "Billing Province Name",
                        "Billing Province")
                .field(CITY, "Shipping City", "Billing City")
                .field(ADDRESS, "Shipping Address1", "Shipping Street", "Billing Address1", "Billing Street")
                .field(COUNTRY, "Shipping Country", "Billing Country")
                .defaults(ProfileDefaults.of(null, null))
                .dateTimes(dateTimes(List.of("uuuu-M-d H:mm:ss Z", "uuuu-M-d H:mm:ss XXX", "uuuu-M-d H:mm:ss",
                        "uuuu-M-d H:mm Z", "uuuu-M-d H:mm")))
                .status(CREATED, "pending", "authorized", "partially_paid")
                .status(PAID, "paid")
                .status(PARTIALLY_REFUNDED, "partially_refunded")
                .status(REFUNDED, "refunded")
                .status(CANCELLED, "voided", "expired")
                .build();
    }

    /**
     * The UCI "Online Retail" dataset (and "Online Retail II", whose columns are named slightly differently).
     * Rows have no status: an invoice is a completed sale unless its number starts with {@code C}.
     */
    static ProfileSpec onlineRetail() {
        return ProfileSpec.builder()
                .required(ORDER_ID, "InvoiceNo", "Invoice")
                .required(SKU, "StockCode")
                .field(PRODUCT_NAME, "Description")
                .required(QUANTITY, "Quantity")
                .required(ORDERED_AT, "InvoiceDate")
                .required(UNIT_PRICE, "UnitPrice", "Price")
                .field(CUSTOMER_ID, "CustomerID", "Customer ID")
                .field(COUNTRY, "Country")
                .defaults(new ProfileDefaults("GBP", ZoneId.of("Europe/London"), COMPLETED, "C"))
                .dateTimes(dateTimes(List.of("uuuu-M-d H:mm:ss", "uuuu-M-d H:mm", "M/d/uuuu H:mm", "M/d/uuuu H:mm:ss")))
                .build();
    }

    /**
     * Our documented template: one row per order line, columns named by {@link ImportField#key()}. The seventeen
     * template columns count for detection; the other fields are accepted too.
     */
    static ProfileSpec generic() {
        ProfileSpec.Builder builder = ProfileSpec.builder()
                .required(ORDER_ID, "order_id")
                .required(CUSTOMER_ID, "customer_id")
                .required(ORDERED_AT, "ordered_at");
        for (ImportField field : List.of(STATUS, TOTAL_AMOUNT, CURRENCY, SKU, PRODUCT_NAME, CATEGORY, QUANTITY,
                UNIT_PRICE, NAME, PHONE, EMAIL, PROVINCE, CITY, SHOP)) {
            builder.field(field, field.key());
        }
        for (ImportField field : List.of(PAID_AT, PAID_AMOUNT, DISCOUNT, SHIPPING, PRODUCT_ID, REFUND_AMOUNT,
                BUYER_REMARK, ADDRESS, COUNTRY)) {
            builder.extra(field, field.key());
        }
        for (ImportedOrderStatus status : ImportedOrderStatus.values()) {
            builder.status(status, status.name());
        }
        return builder
                .defaults(ProfileDefaults.of("CNY", null))
                .dateTimes(dateTimes(List.of("uuuu-M-d H:mm:ss", "uuuu/M/d H:mm:ss", "uuuu-M-d H:mm", "uuuu/M/d H:mm")))
                .build();
    }
}
