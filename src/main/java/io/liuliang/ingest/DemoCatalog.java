package io.liuliang.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The demo merchant's catalogue: about 200 SKUs in five categories (母婴, 美妆, 3C, 服饰, 食品) with the names,
 * sizes and prices a Chinese shop would list — food cheap, 3C expensive. It is the same for every seed. Each SKU
 * has a popularity, a season (down jackets in winter, sunscreen in summer, mooncakes before 中秋, gift boxes for
 * 年货节) and whether people restock it (nappies, milk powder, snacks).
 */
final class DemoCatalog {

    /** A product category, with its label as written in imports and its code in SKUs. */
    enum Category {
        MOTHER_BABY("母婴", "MY", 0.20), BEAUTY("美妆", "MZ", 0.22), DIGITAL("3C", "DG", 0.13),
        APPAREL("服饰", "FS", 0.22), FOOD("食品", "SP", 0.23);

        private final String label;
        private final String code;
        private final double share;

        Category(String label, String code, double share) {
            this.label = label;
            this.code = code;
            this.share = share;
        }

        /** The name in imports and reports (母婴). */
        String label() {
            return label;
        }

        /** The SKU prefix (MY). */
        String code() {
            return code;
        }

        /** Share of all order lines when nobody prefers anything. */
        double share() {
            return share;
        }
    }

    /** When a product sells: a weight per month, January first. */
    enum Season {
        ALL(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        SUMMER(0.3, 0.3, 0.6, 1.5, 2.2, 2.8, 2.8, 2.2, 1.0, 0.4, 0.3, 0.3),
        WINTER(2.5, 1.5, 0.4, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.8, 3.0, 2.8),
        NEW_YEAR(3.5, 2.0, 0.6, 0.6, 0.6, 0.7, 0.6, 0.6, 0.8, 0.8, 1.2, 2.2),
        MID_AUTUMN(0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 4.0, 5.0, 0.3, 0.05, 0.05);

        private final double[] months;

        Season(double... months) {
            this.months = months;
        }

        double weight(int monthIndex) {
            return months[monthIndex];
        }
    }

    /**
     * A SKU.
     *
     * @param index      position in {@link #products()}
     * @param sku        the SKU code (MY-1003)
     * @param name       the product name as listed (婴儿奶粉 3段 900g)
     * @param keyword    what people search for to find it (奶粉)
     * @param category   its category
     * @param priceCents list price in cents
     * @param popularity relative sales within its category
     * @param season     when it sells
     * @param restocked  whether people buy it again and again, often several at once
     */
    record Product(int index, String sku, String name, String keyword, Category category, long priceCents,
                   double popularity, Season season, boolean restocked) {

        BigDecimal price() {
            return BigDecimal.valueOf(priceCents, 2);
        }
    }

    private final List<Product> products;
    private final List<List<Product>> byCategory = new ArrayList<>();
    private final DemoRandom.Alias[][] byMonth = new DemoRandom.Alias[Category.values().length][];

    DemoCatalog() {
        List<Product> all = new ArrayList<>();
        Map<Category, Integer> next = new EnumMap<>(Category.class);
        Builder b = new Builder(all, next);

        Category c = Category.MOTHER_BABY;
        b.add(c, "奶粉", "婴儿奶粉 %s 900g", 268, 3.0, Season.ALL, true, "1段|288", "2段|278", "3段|268");
        b.add(c, "奶粉", "婴儿奶粉 %s 400g", 138, 1.2, Season.ALL, true, "1段|148", "2段|142", "3段|138");
        b.add(c, "奶粉", "儿童成长奶粉 4段 800g", 228, 0.8, Season.ALL, true);
        b.add(c, "纸尿裤", "纸尿裤 %s", 119, 3.2, Season.ALL, true,
                "NB码 84片", "S码 76片", "M码 64片", "L码 54片", "XL码 44片", "XXL码 36片");
        b.add(c, "拉拉裤", "拉拉裤 %s", 109, 1.8, Season.ALL, true, "L码 48片", "XL码 42片", "XXL码 36片");
        b.add(c, "湿巾", "婴儿手口湿巾 80抽×%s", 39, 2.0, Season.ALL, true, "6包|39", "12包|69");
        b.add(c, "沐浴露", "婴儿洗发沐浴露二合一 300ml", 59, 0.8, Season.ALL, true);
        b.add(c, "米粉", "宝宝辅食米粉 %s 225g", 49, 1.0, Season.ALL, true, "原味", "高铁", "益生菌");
        b.add(c, "奶瓶", "宽口径PPSU奶瓶 %s", 139, 0.8, Season.ALL, false, "160ml|129", "240ml|139", "300ml|149");
        b.add(c, "连体衣", "婴儿纯棉连体衣 %s", 89, 1.0, Season.ALL, false, "59cm", "66cm", "73cm", "80cm");
        b.add(c, "推车", "婴儿推车 轻便可折叠 可坐可躺", 899, 0.3, Season.ALL, false);
        b.add(c, "安全座椅", "儿童安全座椅 ISOFIX 0-12岁", 1599, 0.2, Season.ALL, false);
        b.add(c, "护臀膏", "婴儿护臀膏 50g", 45, 0.7, Season.ALL, true);
        b.add(c, "叶酸", "孕妇叶酸片 60粒", 69, 0.5, Season.ALL, true);
        b.add(c, "吸奶器", "电动吸奶器 双边", 499, 0.3, Season.ALL, false);
        b.add(c, "积木", "儿童益智积木 %s", 99, 0.7, Season.ALL, false, "100粒|99", "200粒|169");
        b.add(c, "保温杯", "儿童保温杯 450ml %s", 129, 0.5, Season.ALL, false, "粉色", "蓝色");
        b.add(c, "防蚊", "婴儿防蚊液 100ml", 39, 0.6, Season.SUMMER, true);
        b.add(c, "牙膏", "儿童防蛀牙膏 %s", 29, 0.7, Season.ALL, true, "草莓味", "香橙味");
        b.add(c, "洗衣液", "婴儿洗衣液 1L", 49, 0.8, Season.ALL, true);
        b.add(c, "绘本", "儿童绘本套装 10册", 89, 0.6, Season.ALL, false);
        b.add(c, "口水巾", "纱布口水巾 6条装", 39, 0.7, Season.ALL, true);
        b.add(c, "退热贴", "儿童退热贴 6片", 35, 0.5, Season.WINTER, true);
        b.add(c, "奶瓶清洗剂", "奶瓶清洗剂 500ml", 39, 0.6, Season.ALL, true);

        c = Category.BEAUTY;
        b.add(c, "精华", "玻尿酸精华液 %s", 299, 2.5, Season.ALL, true, "30ml|299", "50ml|459");
        b.add(c, "精华", "烟酰胺美白精华 30ml", 269, 1.5, Season.ALL, true);
        b.add(c, "洁面", "氨基酸洁面乳 120g", 89, 1.8, Season.ALL, true);
        b.add(c, "面膜", "补水保湿面膜 %s", 99, 2.2, Season.ALL, true, "10片|99", "20片|169");
        b.add(c, "防晒", "清爽防晒霜 SPF50+ 50ml", 139, 1.5, Season.SUMMER, true);
        b.add(c, "防晒", "防晒喷雾 150ml", 119, 1.0, Season.SUMMER, true);
        b.add(c, "口红", "丝绒哑光口红 %s", 320, 1.6, Season.ALL, false,
                "#999 正红色", "#316 豆沙色", "#520 枫叶红", "#888 复古红", "#214 奶茶色");
        b.add(c, "气垫", "轻薄气垫BB霜 15g %s", 259, 1.0, Season.ALL, true, "象牙白", "自然色");
        b.add(c, "眼霜", "抗皱紧致眼霜 20g", 399, 0.9, Season.ALL, true);
        b.add(c, "卸妆水", "温和卸妆水 400ml", 99, 1.2, Season.ALL, true);
        b.add(c, "水乳", "保湿爽肤水 200ml", 149, 1.0, Season.ALL, true);
        b.add(c, "水乳", "保湿乳液 120ml", 169, 0.9, Season.ALL, true);
        b.add(c, "水乳", "水乳护肤套装 %s", 399, 1.0, Season.ALL, true, "滋润型", "清爽型");
        b.add(c, "粉底液", "持妆粉底液 30ml %s", 359, 0.8, Season.ALL, true, "01 亮白", "02 自然");
        b.add(c, "眉笔", "防水细眉笔 %s", 49, 0.8, Season.ALL, true, "深棕", "浅棕", "灰黑");
        b.add(c, "睫毛膏", "纤长卷翘睫毛膏", 79, 0.7, Season.ALL, true);
        b.add(c, "身体乳", "烟酰胺身体乳 400ml", 89, 0.9, Season.WINTER, true);
        b.add(c, "香水", "淡香水 %s", 599, 0.5, Season.ALL, false, "30ml|399", "50ml|599");
        b.add(c, "护手霜", "护手霜礼盒 5支装", 69, 0.8, Season.WINTER, true);
        b.add(c, "面霜", "修护面霜 50g", 459, 0.8, Season.ALL, true);
        b.add(c, "彩妆", "眼影盘 九色 %s", 189, 0.6, Season.ALL, false, "大地色", "玫瑰色");
        b.add(c, "卸妆油", "温和卸妆油 200ml", 159, 0.8, Season.ALL, true);
        b.add(c, "洁面", "男士控油洁面乳 100g", 59, 0.8, Season.ALL, true);
        b.add(c, "洗发水", "氨基酸洗发水 500ml %s", 79, 1.2, Season.ALL, true, "去屑", "柔顺");
        b.add(c, "发膜", "修护发膜 250ml", 69, 0.6, Season.ALL, true);
        b.add(c, "指甲油", "免烤指甲油 %s", 39, 0.6, Season.ALL, false, "裸粉色", "酒红色", "奶白色");

        c = Category.DIGITAL;
        b.add(c, "蓝牙耳机", "无线蓝牙耳机 %s", 399, 2.5, Season.ALL, false, "白色", "黑色");
        b.add(c, "蓝牙耳机", "主动降噪蓝牙耳机 Pro", 1299, 1.2, Season.ALL, false);
        b.add(c, "充电器", "65W氮化镓快充充电器", 139, 2.0, Season.ALL, false);
        b.add(c, "数据线", "Type-C快充数据线 %s", 29, 2.0, Season.ALL, true, "1m|29", "2m|39");
        b.add(c, "充电宝", "充电宝 %s", 129, 1.6, Season.ALL, false, "10000mAh|129", "20000mAh|199");
        b.add(c, "智能手表", "智能手表 %s", 899, 1.0, Season.ALL, false, "运动版|899", "NFC版|1199");
        b.add(c, "手机壳", "磨砂手机壳 %s", 49, 1.5, Season.ALL, false, "iPhone 15", "iPhone 15 Pro", "iPhone 16",
                "iPhone 16 Pro");
        b.add(c, "钢化膜", "高清钢化膜 2片装 %s", 29, 1.2, Season.ALL, false, "iPhone 15", "iPhone 16");
        b.add(c, "机械键盘", "机械键盘 87键 %s", 399, 0.8, Season.ALL, false, "红轴", "青轴", "茶轴");
        b.add(c, "鼠标", "静音无线鼠标", 89, 1.2, Season.ALL, false);
        b.add(c, "音箱", "便携蓝牙音箱", 299, 0.7, Season.ALL, false);
        b.add(c, "平板电脑", "平板电脑 11英寸 %s", 2499, 0.3, Season.ALL, false, "128GB|2499", "256GB|2999");
        b.add(c, "手机", "5G智能手机 %s", 3999, 0.35, Season.ALL, false, "8GB+256GB|3999", "12GB+512GB|4999");
        b.add(c, "电动牙刷", "声波电动牙刷 %s", 299, 1.0, Season.ALL, false, "白色", "粉色");
        b.add(c, "牙刷头", "电动牙刷替换刷头 4支装", 79, 0.8, Season.ALL, true);
        b.add(c, "吹风机", "高速负离子吹风机", 599, 0.8, Season.ALL, false);
        b.add(c, "固态硬盘", "移动固态硬盘 1TB", 599, 0.5, Season.ALL, false);
        b.add(c, "台灯", "护眼LED台灯", 199, 0.6, Season.ALL, false);
        b.add(c, "小风扇", "手持USB小风扇", 59, 0.8, Season.SUMMER, false);
        b.add(c, "体脂秤", "智能体脂秤", 129, 0.6, Season.ALL, false);
        b.add(c, "无线充电器", "15W无线充电器", 99, 0.8, Season.ALL, false);
        b.add(c, "手机支架", "车载手机支架", 59, 0.8, Season.ALL, false);
        b.add(c, "U盘", "高速U盘 %s", 49, 0.7, Season.ALL, false, "64GB|49", "128GB|79");
        b.add(c, "游戏手柄", "无线游戏手柄", 199, 0.5, Season.ALL, false);

        c = Category.APPAREL;
        b.add(c, "T恤", "纯棉T恤 男款 %s", 79, 1.6, Season.SUMMER, true, "M", "L", "XL", "XXL");
        b.add(c, "T恤", "纯棉T恤 女款 %s", 79, 1.6, Season.SUMMER, true, "S", "M", "L", "XL");
        b.add(c, "牛仔裤", "直筒牛仔裤 男款 %s", 199, 1.0, Season.ALL, false, "30", "32", "34");
        b.add(c, "牛仔裤", "高腰牛仔裤 女款 %s", 199, 1.0, Season.ALL, false, "26", "27", "28", "29");
        b.add(c, "连衣裙", "碎花连衣裙 %s", 259, 1.2, Season.SUMMER, false, "S", "M", "L");
        b.add(c, "羽绒服", "轻薄羽绒服 男款 %s", 699, 0.9, Season.WINTER, false, "L", "XL", "XXL");
        b.add(c, "羽绒服", "中长款羽绒服 女款 %s", 799, 1.0, Season.WINTER, false, "S", "M", "L");
        b.add(c, "运动鞋", "缓震跑步鞋 %s", 459, 1.2, Season.ALL, false, "37", "38", "39", "40", "41", "42", "43");
        b.add(c, "卫衣", "连帽卫衣 %s", 189, 1.1, Season.WINTER, false, "M", "L", "XL");
        b.add(c, "羊毛衫", "圆领羊毛衫 %s", 399, 0.7, Season.WINTER, false, "M", "L");
        b.add(c, "防晒衣", "冰丝防晒衣 %s", 129, 1.0, Season.SUMMER, false, "M", "L");
        b.add(c, "袜子", "纯棉中筒袜 5双装", 39, 1.4, Season.ALL, true);
        b.add(c, "内裤", "莫代尔内裤 3条装 %s", 69, 1.2, Season.ALL, true, "M", "L", "XL");
        b.add(c, "家居服", "纯棉家居服套装 %s", 159, 0.7, Season.ALL, false, "M", "L");
        b.add(c, "帽子", "棒球帽 %s", 69, 0.7, Season.SUMMER, false, "黑色", "米白色");
        b.add(c, "背包", "帆布双肩包", 129, 0.6, Season.ALL, false);
        b.add(c, "围巾", "真丝围巾", 199, 0.4, Season.WINTER, false);
        b.add(c, "短裤", "运动短裤 %s", 79, 0.8, Season.SUMMER, false, "M", "L");

        c = Category.FOOD;
        b.add(c, "坚果", "坚果礼盒 1.5kg", 159, 1.6, Season.NEW_YEAR, true);
        b.add(c, "坚果", "每日坚果 30袋", 129, 2.0, Season.ALL, true);
        b.add(c, "零食", "零食大礼包 1kg", 69, 1.8, Season.NEW_YEAR, true);
        b.add(c, "牛肉干", "内蒙古风干牛肉干 250g %s", 59, 1.2, Season.ALL, true, "五香", "麻辣");
        b.add(c, "咖啡", "挂耳咖啡 %s", 49, 1.3, Season.ALL, true, "10包|49", "30包|119");
        b.add(c, "茶叶", "明前龙井绿茶 250g", 299, 0.7, Season.ALL, true);
        b.add(c, "大米", "五常大米 5kg", 89, 1.3, Season.ALL, true);
        b.add(c, "橄榄油", "特级初榨橄榄油 1L", 109, 0.8, Season.ALL, true);
        b.add(c, "螺蛳粉", "柳州螺蛳粉 5袋装", 59, 1.5, Season.ALL, true);
        b.add(c, "燕麦", "即食燕麦片 1kg", 39, 1.2, Season.ALL, true);
        b.add(c, "牛奶", "纯牛奶 250ml×24盒", 69, 2.0, Season.ALL, true);
        b.add(c, "蜂蜜", "百花蜂蜜 500g", 79, 0.7, Season.ALL, true);
        b.add(c, "月饼", "月饼礼盒 8枚装", 168, 1.0, Season.MID_AUTUMN, false);
        b.add(c, "自热火锅", "自热火锅 3盒装", 49, 1.0, Season.WINTER, true);
        b.add(c, "木耳", "东北黑木耳 250g", 39, 0.5, Season.ALL, true);
        b.add(c, "红酒", "干红葡萄酒 750ml", 199, 0.5, Season.NEW_YEAR, false);
        b.add(c, "方便面", "红烧牛肉面 %s", 35, 1.0, Season.ALL, true, "5连包|19", "12桶整箱|59");
        b.add(c, "饼干", "全麦苏打饼干 1kg", 32, 0.9, Season.ALL, true);
        b.add(c, "矿泉水", "天然矿泉水 550ml×24瓶", 45, 1.0, Season.SUMMER, true);
        b.add(c, "巧克力", "黑巧克力礼盒 %s", 89, 0.7, Season.NEW_YEAR, false, "200g|89", "500g|189");
        b.add(c, "水果", "云南高山蓝莓 %s", 69, 1.0, Season.SUMMER, true, "2盒|69", "4盒|129");
        b.add(c, "水果", "赣南脐橙 5kg", 59, 1.0, Season.WINTER, true);
        b.add(c, "辣条", "经典辣条 %s", 19, 0.9, Season.ALL, true, "10包|19", "30包|49");
        b.add(c, "粽子", "鲜肉粽子礼盒 10只", 89, 0.6, Season.SUMMER, false);
        b.add(c, "水饺", "速冻水饺 1kg %s", 39, 0.9, Season.ALL, true, "猪肉白菜", "三鲜");
        b.add(c, "酸奶", "原味酸奶 200g×12盒", 59, 1.0, Season.ALL, true);
        b.add(c, "海苔", "儿童海苔 20包", 29, 0.7, Season.ALL, true);

        this.products = List.copyOf(all);
        for (Category category : Category.values()) {
            List<Product> list = all.stream().filter(p -> p.category() == category).toList();
            byCategory.add(list);
            DemoRandom.Alias[] months = new DemoRandom.Alias[12];
            for (int m = 0; m < 12; m++) {
                double[] w = new double[list.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = list.get(i).popularity() * list.get(i).season().weight(m);
                }
                months[m] = new DemoRandom.Alias(w);
            }
            byMonth[category.ordinal()] = months;
        }
    }

    /** Every SKU, in a fixed order (by category, then as listed). */
    List<Product> products() {
        return products;
    }

    List<Product> products(Category category) {
        return byCategory.get(category.ordinal());
    }

    /** A product of the category, drawn by popularity and season in the given month (1 = January). */
    Product pick(DemoRandom random, Category category, int month) {
        return byCategory.get(category.ordinal()).get(byMonth[category.ordinal()][month - 1].pick(random));
    }

    /** Expands one listing into SKUs, one per variant ("3段|268" = a variant with its own price). */
    private static final class Builder {

        private final List<Product> all;
        private final Map<Category, Integer> next;

        Builder(List<Product> all, Map<Category, Integer> next) {
            this.all = all;
            this.next = next;
        }

        void add(Category category, String keyword, String name, int price, double popularity, Season season,
                 boolean restocked, String... variants) {
            if (variants.length == 0) {
                product(category, keyword, name, price, popularity, season, restocked);
                return;
            }
            for (int i = 0; i < variants.length; i++) {
                String[] parts = variants[i].split("\\|");
                int variantPrice = parts.length > 1 ? Integer.parseInt(parts[1]) : price;
                // the first variants sell best (the common sizes, the classic colour)
                double share = popularity / Math.sqrt(variants.length) * (i == 0 ? 1.2 : 1.0 / (1 + 0.15 * i));
                product(category, keyword, String.format(name, parts[0]), variantPrice, share, season, restocked);
            }
        }

        private void product(Category category, String keyword, String name, int price, double popularity,
                             Season season, boolean restocked) {
            int number = next.merge(category, 1, Integer::sum);
            String sku = category.code() + "-" + (1000 + number);
            all.add(new Product(all.size(), sku, name, keyword, category, price * 100L, popularity, season, restocked));
        }
    }
}
