package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.liuliang.order.Platform;

/**
 * The demo merchant's customers, person by person: person {@code i} is the same for a seed whatever else is
 * generated, and is made on demand (nothing is kept), so there can be tens of millions.
 *
 * <p>Each has a Chinese name (surnames weighted by frequency, one- or two-character given names), a gender, a birth
 * year, a home province and city weighted by online shopping, a unique and valid mobile number, often an e-mail,
 * a favourite category (young mothers buy 母婴) with a few favourite SKUs, and an account on one or more of the
 * merchant's shops with a platform-style buyer id. About 15% hold accounts on two or three platforms, all under the
 * same phone, which is what One-ID has to join. People to whom customers send gifts ({@link #giftContact}) have their
 * own names, phones and cities, never those of a customer.
 */
final class DemoPeople {

    static final int STREAM_PERSON = 1;
    static final int STREAM_GIFT = 7;
    static final int STREAM_MULTI_PLATFORM = 8;
    /** Share of people with accounts on two or more platforms. */
    static final double MULTI_PLATFORM_SHARE = 0.15;

    /** A person's gender, coded as the customer module stores it. */
    enum Gender {
        FEMALE, MALE;

        String code() {
            return this == FEMALE ? "female" : "male";
        }
    }

    /** A province and one of its cities, by their official names (广东省, 广州市). */
    record Region(String province, String city) {
    }

    /** Whom an order goes to: a name, a mobile number and where they live. */
    record Contact(String name, String phone, Region region) {
    }

    /**
     * A person's account on one of the merchant's shops.
     *
     * @param shop    the shop
     * @param buyerId the platform's buyer id, unique per shop (the {@code customer_id} of imports)
     * @param nick    the display name on the platform
     */
    record Account(DemoMerchant.Shop shop, String buyerId, String nick) {
    }

    /**
     * A customer.
     *
     * @param index      0 .. customers − 1
     * @param name       the real name, which is also the usual receiver
     * @param gender     gender
     * @param birthYear  year of birth
     * @param region     home province and city
     * @param phone      mobile number (11 digits), unique to this person
     * @param email      e-mail address, or null (about 70% have none)
     * @param affinity   the category they buy most
     * @param loyalty    how strongly they stick to it (share of lines in it), 0.45 .. 0.85
     * @param favourites one to three SKUs of that category they come back to
     * @param accounts   their accounts, the primary (where they first buy) first
     */
    record Person(int index, String name, Gender gender, int birthYear, Region region, String phone, String email,
                  DemoCatalog.Category affinity, double loyalty, List<DemoCatalog.Product> favourites,
                  List<Account> accounts) {

        Contact contact() {
            return new Contact(name, phone, region);
        }

        boolean multiPlatform() {
            return accounts.size() > 1;
        }

        Account account(DemoMerchant.Shop shop) {
            for (Account a : accounts) {
                if (a.shop().equals(shop)) {
                    return a;
                }
            }
            return null;
        }
    }

    // ---- names ------------------------------------------------------------------------------------------------

    /** Surname, pinyin, weight (per cent of the population, after the 2020 census tables). */
    private static final String SURNAMES = """
            王 wang 7.1|李 li 7.0|张 zhang 6.7|刘 liu 5.4|陈 chen 4.5|杨 yang 3.1|黄 huang 2.6|赵 zhao 2.3|吴 wu 2.0|\
            周 zhou 1.9|徐 xu 1.5|孙 sun 1.5|马 ma 1.3|朱 zhu 1.3|胡 hu 1.3|郭 guo 1.2|何 he 1.2|高 gao 1.1|林 lin 1.1|\
            罗 luo 1.0|郑 zheng 0.9|梁 liang 0.9|谢 xie 0.8|宋 song 0.7|唐 tang 0.7|许 xu 0.6|韩 han 0.6|冯 feng 0.6|\
            邓 deng 0.6|曹 cao 0.5|彭 peng 0.5|曾 zeng 0.5|肖 xiao 0.5|田 tian 0.4|董 dong 0.4|袁 yuan 0.4|潘 pan 0.4|\
            于 yu 0.4|蒋 jiang 0.4|蔡 cai 0.4|余 yu 0.4|杜 du 0.4|叶 ye 0.4|程 cheng 0.3|苏 su 0.3|魏 wei 0.3|\
            吕 lv 0.3|丁 ding 0.3|任 ren 0.3|沈 shen 0.3|姚 yao 0.3|卢 lu 0.3|姜 jiang 0.3|崔 cui 0.3|钟 zhong 0.3|\
            谭 tan 0.3|陆 lu 0.3|汪 wang 0.3|范 fan 0.3|金 jin 0.3|石 shi 0.3|廖 liao 0.3|贾 jia 0.3|夏 xia 0.3|\
            韦 wei 0.2|付 fu 0.2|方 fang 0.2|白 bai 0.2|邹 zou 0.2|孟 meng 0.2|熊 xiong 0.2|秦 qin 0.2|邱 qiu 0.2|\
            江 jiang 0.2|尹 yin 0.2|薛 xue 0.2|闫 yan 0.2|段 duan 0.2|雷 lei 0.2|侯 hou 0.2|龙 long 0.2|史 shi 0.2|\
            陶 tao 0.2|黎 li 0.2|贺 he 0.2|顾 gu 0.2|毛 mao 0.2|郝 hao 0.2|龚 gong 0.2|邵 shao 0.2|万 wan 0.2|\
            钱 qian 0.2|严 yan 0.2|覃 qin 0.15|武 wu 0.15|戴 dai 0.15|莫 mo 0.15|孔 kong 0.15|向 xiang 0.15|\
            欧阳 ouyang 0.05|上官 shangguan 0.01|司马 sima 0.01|诸葛 zhuge 0.01""";

    private static final String MALE_CHARS = """
            伟 wei|强 qiang|磊 lei|军 jun|洋 yang|勇 yong|杰 jie|涛 tao|明 ming|超 chao|浩 hao|宇 yu|鹏 peng|俊 jun|\
            斌 bin|辉 hui|刚 gang|健 jian|文 wen|博 bo|子 zi|轩 xuan|睿 rui|晨 chen|志 zhi|建 jian|国 guo|海 hai|\
            峰 feng|鑫 xin|宏 hong|凯 kai|帅 shuai|飞 fei|龙 long|成 cheng|天 tian|泽 ze|昊 hao|然 ran|毅 yi|亮 liang|\
            林 lin|阳 yang|波 bo|平 ping|东 dong|晓 xiao|嘉 jia|航 hang|铭 ming|诚 cheng|锋 feng|荣 rong|华 hua|\
            家 jia|一 yi|思 si|奕 yi|梓 zi""";

    private static final String FEMALE_CHARS = """
            芳 fang|娜 na|敏 min|静 jing|丽 li|艳 yan|娟 juan|霞 xia|婷 ting|雪 xue|琳 lin|颖 ying|玲 ling|慧 hui|\
            欣 xin|佳 jia|梦 meng|雨 yu|思 si|怡 yi|晓 xiao|丹 dan|萍 ping|红 hong|燕 yan|悦 yue|婉 wan|琪 qi|璐 lu|\
            倩 qian|月 yue|露 lu|瑶 yao|诗 shi|涵 han|可 ke|馨 xin|蕾 lei|珊 shan|莉 li|秀 xiu|英 ying|兰 lan|\
            美 mei|文 wen|子 zi|雅 ya|欢 huan|洁 jie|晶 jing|薇 wei|妍 yan|茜 qian|嘉 jia|一 yi|若 ruo|菲 fei|\
            晴 qing|梓 zi|桐 tong""";

    // ---- regions ----------------------------------------------------------------------------------------------

    /** Province, weight (share of online orders), then its cities with weights. */
    private static final String REGIONS = """
            广东省 15: 广州市 30, 深圳市 30, 东莞市 9, 佛山市 9, 惠州市 4, 珠海市 3, 中山市 3, 汕头市 3, 江门市 2, 湛江市 2
            浙江省 11: 杭州市 32, 宁波市 16, 温州市 14, 金华市 12, 嘉兴市 7, 绍兴市 7, 台州市 7, 湖州市 4
            江苏省 10: 苏州市 28, 南京市 24, 无锡市 13, 常州市 9, 南通市 9, 徐州市 8, 扬州市 5, 盐城市 4
            上海市 6: 上海市 1
            北京市 5.5: 北京市 1
            山东省 6.5: 青岛市 24, 济南市 18, 烟台市 10, 潍坊市 10, 临沂市 10, 淄博市 7, 济宁市 7, 威海市 4
            四川省 5: 成都市 60, 绵阳市 8, 德阳市 6, 南充市 6, 宜宾市 5, 泸州市 5
            河南省 5: 郑州市 40, 洛阳市 12, 南阳市 9, 新乡市 8, 商丘市 7, 开封市 6
            福建省 4.5: 福州市 28, 厦门市 28, 泉州市 25, 漳州市 9, 莆田市 6
            湖北省 4: 武汉市 60, 宜昌市 10, 襄阳市 10, 荆州市 7
            湖南省 3.5: 长沙市 50, 株洲市 10, 衡阳市 10, 岳阳市 9, 常德市 8
            安徽省 3.5: 合肥市 50, 芜湖市 12, 阜阳市 10, 安庆市 8, 马鞍山市 6
            河北省 3.5: 石家庄市 30, 保定市 18, 唐山市 16, 廊坊市 14, 邯郸市 12
            陕西省 2.5: 西安市 75, 咸阳市 10, 宝鸡市 8
            重庆市 2.5: 重庆市 1
            辽宁省 2.5: 沈阳市 40, 大连市 40, 鞍山市 8, 锦州市 6
            天津市 1.8: 天津市 1
            江西省 2: 南昌市 45, 赣州市 20, 九江市 15, 上饶市 12
            广西壮族自治区 2: 南宁市 45, 柳州市 20, 桂林市 20, 玉林市 10
            云南省 1.8: 昆明市 70, 曲靖市 12, 大理白族自治州 10
            山西省 1.5: 太原市 55, 大同市 15, 运城市 15
            黑龙江省 1.3: 哈尔滨市 65, 大庆市 15, 齐齐哈尔市 12
            吉林省 1: 长春市 65, 吉林市 20
            贵州省 1.2: 贵阳市 65, 遵义市 25
            内蒙古自治区 0.8: 呼和浩特市 40, 包头市 35, 鄂尔多斯市 20
            新疆维吾尔自治区 0.7: 乌鲁木齐市 70, 昌吉回族自治州 15
            甘肃省 0.7: 兰州市 75, 天水市 15
            海南省 0.6: 海口市 65, 三亚市 35
            宁夏回族自治区 0.3: 银川市 80
            青海省 0.2: 西宁市 90
            西藏自治区 0.1: 拉萨市 100""";

    /** Provinces where shops charge for shipping (偏远地区不包邮). */
    private static final List<String> REMOTE = List.of("新疆维吾尔自治区", "西藏自治区", "青海省", "内蒙古自治区",
            "甘肃省", "宁夏回族自治区");

    // ---- phones -----------------------------------------------------------------------------------------------

    /** Real mobile prefixes (China Mobile, Unicom and Telecom, 13x/15x/18x/19x). */
    private static final int[] PREFIXES = {
        130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
        180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 193, 195, 198, 199};

    /** Subscriber numbers never given out: all one digit, runs like 12345678, the 13800138000 service number. */
    private static final long[] PLACEHOLDER_SUBSCRIBERS;

    static {
        List<Long> bad = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            bad.add(d * 11_111_111L);
        }
        bad.add(1_234_567L);
        bad.add(12_345_678L);
        bad.add(23_456_789L);
        bad.add(76_543_210L);
        bad.add(87_654_321L);
        bad.add(98_765_432L);
        bad.add(138_000L);
        PLACEHOLDER_SUBSCRIBERS = bad.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    // ---- nicks ------------------------------------------------------------------------------------------------

    private static final String[] NICK_HEADS = {
        "快乐的", "爱吃鱼的", "会飞的", "安静的", "努力的", "可爱的", "爱笑的", "慢吞吞的", "勇敢的", "温柔的",
        "小小", "大大的", "甜甜的", "酷酷的", "爱睡觉的", "追风的", "热爱生活的", "元气", "佛系", "早睡的"};
    private static final String[] NICK_TAILS = {
        "小熊", "猫咪", "兔子", "小鱼", "星星", "月亮", "橘子", "柠檬", "蘑菇", "西瓜", "布丁", "奶茶", "饭团",
        "小鹿", "企鹅", "考拉", "土豆", "糖果", "向日葵", "海豚"};
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    // ---- tables, built once --------------------------------------------------------------------------------------

    /** A surname or a character of given names, with its pinyin. */
    private record NameChar(String text, String pinyin) {
    }

    private static final NameChar[] SURNAME_CHARS;
    private static final DemoRandom.Alias SURNAME_ALIAS;
    private static final NameChar[] MALE;
    private static final NameChar[] FEMALE;
    private static final Map<String, String> PINYIN = new HashMap<>();
    private static final String[] PROVINCES;
    private static final DemoRandom.Alias PROVINCE_ALIAS;
    private static final Region[][] CITIES;
    private static final DemoRandom.Alias[] CITY_ALIAS;
    private static final DemoCatalog.Category[] CATEGORIES = DemoCatalog.Category.values();
    /** Favourite category (母婴, 美妆, 3C, 服饰, 食品) of women 24-40, other women, men 26-40, other men. */
    private static final DemoRandom.Alias[] AFFINITY = {
        new DemoRandom.Alias(45, 22, 4, 16, 13), new DemoRandom.Alias(5, 36, 8, 30, 21),
        new DemoRandom.Alias(12, 6, 38, 18, 26), new DemoRandom.Alias(3, 6, 42, 22, 27)};

    static {
        String[] entries = SURNAMES.split("\\|");
        SURNAME_CHARS = new NameChar[entries.length];
        double[] weights = new double[entries.length];
        for (int i = 0; i < entries.length; i++) {
            String[] p = entries[i].trim().split(" ");
            SURNAME_CHARS[i] = new NameChar(p[0], p[1]);
            weights[i] = Double.parseDouble(p[2]);
        }
        SURNAME_ALIAS = new DemoRandom.Alias(weights);
        MALE = chars(MALE_CHARS);
        FEMALE = chars(FEMALE_CHARS);
        for (NameChar[] table : new NameChar[][] {MALE, FEMALE, SURNAME_CHARS}) {
            for (NameChar c : table) {
                PINYIN.put(c.text(), c.pinyin()); // surnames last: 单 and the like read as surnames
            }
        }
        String[] lines = REGIONS.split("\n");
        PROVINCES = new String[lines.length];
        double[] provinceWeights = new double[lines.length];
        CITIES = new Region[lines.length][];
        CITY_ALIAS = new DemoRandom.Alias[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String[] head = lines[i].split(":");
            String[] province = head[0].trim().split(" ");
            PROVINCES[i] = province[0];
            provinceWeights[i] = Double.parseDouble(province[1]);
            String[] cities = head[1].split(",");
            CITIES[i] = new Region[cities.length];
            double[] cityWeights = new double[cities.length];
            for (int k = 0; k < cities.length; k++) {
                String[] city = cities[k].trim().split(" ");
                CITIES[i][k] = new Region(province[0], city[0]);
                cityWeights[k] = Double.parseDouble(city[1]);
            }
            CITY_ALIAS[i] = new DemoRandom.Alias(cityWeights);
        }
        PROVINCE_ALIAS = new DemoRandom.Alias(provinceWeights);
    }

    private static NameChar[] chars(String table) {
        String[] entries = table.split("\\|");
        NameChar[] result = new NameChar[entries.length];
        for (int i = 0; i < entries.length; i++) {
            String[] p = entries[i].trim().split(" ");
            result[i] = new NameChar(p[0], p[1]);
        }
        return result;
    }

    private final DemoMerchant merchant;
    private final DemoCatalog catalog;
    private final long seed;
    private final int emailHalfDigits;
    private final String openIdPrefix;
    private final DemoMerchant.Shop[] shopsByPlatform = new DemoMerchant.Shop[4];

    DemoPeople(DemoMerchant merchant, DemoCatalog catalog) {
        this.merchant = merchant;
        this.catalog = catalog;
        this.seed = merchant.seed();
        int half = 2;
        long capacity = 10_000;
        while (capacity < merchant.customers()) {
            half++;
            capacity *= 100;
        }
        this.emailHalfDigits = half;
        DemoRandom r = DemoRandom.of(seed, STREAM_PERSON, -1);
        StringBuilder prefix = new StringBuilder("o");
        for (int i = 0; i < 5; i++) {
            prefix.append(BASE64URL.charAt(r.nextInt(62)));
        }
        this.openIdPrefix = prefix.toString();
        for (DemoMerchant.Shop shop : merchant.shops()) {
            shopsByPlatform[platformSlot(shop.platform())] = shop;
        }
    }

    private static int platformSlot(Platform platform) {
        return switch (platform) {
            case TMALL, TAOBAO -> 0;
            case JD -> 1;
            case DOUYIN, KUAISHOU -> 2;
            default -> 3;
        };
    }

    int size() {
        return merchant.customers();
    }

    DemoCatalog catalog() {
        return catalog;
    }

    /** Every province and city people live in. */
    static List<Region> regions() {
        List<Region> all = new ArrayList<>();
        for (Region[] cities : CITIES) {
            all.addAll(Arrays.asList(cities));
        }
        return all;
    }

    /** Whether shops usually charge shipping to the province (偏远地区). */
    static boolean remote(String province) {
        return REMOTE.contains(province);
    }

    /** Person {@code index} (0 .. customers − 1). */
    Person person(int index) {
        if (index < 0 || index >= merchant.customers()) {
            throw new IndexOutOfBoundsException("no person " + index + " among " + merchant.customers());
        }
        DemoRandom r = DemoRandom.of(seed, STREAM_PERSON, index);
        Gender gender = r.chance(0.62) ? Gender.FEMALE : Gender.MALE; // online shoppers lean female
        int birthYear = birthYear(r, merchant.end().getYear());
        String name = name(r, gender, birthYear);
        Region region = region(r);
        String phone = phone(index);
        String email = r.chance(0.30) ? email(r, index, name) : null;
        int age = merchant.end().getYear() - birthYear;
        DemoCatalog.Category affinity = affinity(r, gender, age);
        double loyalty = 0.45 + 0.4 * r.nextDouble();
        List<DemoCatalog.Product> favourites = new ArrayList<>(3);
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count * 3 && favourites.size() < count; i++) {
            DemoCatalog.Product p = catalog.pick(r, affinity, 1 + r.nextInt(12));
            if (favourites.stream().noneMatch(f -> f == p)) {
                favourites.add(p);
            }
        }
        List<Account> accounts = accounts(r, index, name, gender, age, affinity);
        return new Person(index, name, gender, birthYear, region, phone, email, affinity, loyalty,
                Collections.unmodifiableList(favourites), accounts);
    }

    /** Whether person {@code index} holds accounts on several platforms; drawn on its own, so cheap to know. */
    boolean multiPlatform(int index) {
        return DemoRandom.of(seed, STREAM_MULTI_PLATFORM, index).chance(MULTI_PLATFORM_SHARE);
    }

    /**
     * The {@code which}-th (0 or 1) person to whom customer {@code customerIndex} sends gifts: a parent, a friend.
     * Their phones come from the same unique sequence as the customers', after them, so never clash with one.
     */
    Contact giftContact(int customerIndex, int which) {
        long index = (long) merchant.customers() + 2L * customerIndex + which;
        DemoRandom r = DemoRandom.of(seed, STREAM_GIFT, index);
        Gender gender = r.chance(0.5) ? Gender.FEMALE : Gender.MALE;
        int birthYear = birthYear(r, merchant.end().getYear()) - r.nextInt(20);
        return new Contact(name(r, gender, birthYear), phone(index), region(r));
    }

    private static int birthYear(DemoRandom r, int year) {
        // ages 18 .. 65, most between 25 and 40
        double age = 31 + 8.5 * r.normal();
        if (age < 18 || age > 65) {
            age = 18 + r.nextDouble() * 47;
        }
        return year - (int) age;
    }

    private static String name(DemoRandom r, Gender gender, int birthYear) {
        NameChar surname = SURNAME_CHARS[SURNAME_ALIAS.pick(r)];
        NameChar[] chars = gender == Gender.FEMALE ? FEMALE : MALE;
        double single = birthYear < 1980 ? 0.4 : birthYear < 1995 ? 0.28 : 0.15;
        StringBuilder name = new StringBuilder(4).append(surname.text());
        NameChar first = chars[r.nextInt(chars.length)];
        name.append(first.text());
        if (!r.chance(single)) {
            NameChar second = chars[r.nextInt(chars.length)];
            if (second == first && r.chance(0.7)) {
                second = chars[r.nextInt(chars.length)];
            }
            name.append(second.text());
        }
        return name.toString();
    }

    private static Region region(DemoRandom r) {
        int p = PROVINCE_ALIAS.pick(r);
        return CITIES[p][CITY_ALIAS[p].pick(r)];
    }

    /**
     * The mobile number of person (or gift receiver) {@code index}: a prefix by turns, then an eight-digit subscriber
     * number from a keyed bijection, which skips placeholders. So numbers are unique without remembering them.
     */
    String phone(long index) {
        int prefix = PREFIXES[(int) (index % PREFIXES.length)];
        long slot = index / PREFIXES.length;
        // the slot-th number that is not a placeholder
        for (long bad : PLACEHOLDER_SUBSCRIBERS) {
            if (slot >= bad) {
                slot++;
            }
        }
        long key = DemoRandom.mix64(seed ^ 0x5A17E5L ^ prefix);
        long subscriber = DemoRandom.permuteDecimal(slot, 4, key);
        while (placeholder(subscriber)) { // cycle-walking keeps it a bijection of the non-placeholders
            subscriber = DemoRandom.permuteDecimal(subscriber, 4, key);
        }
        char[] digits = new char[11];
        digits[0] = (char) ('0' + prefix / 100);
        digits[1] = (char) ('0' + prefix / 10 % 10);
        digits[2] = (char) ('0' + prefix % 10);
        for (int i = 10; i >= 3; i--) {
            digits[i] = (char) ('0' + subscriber % 10);
            subscriber /= 10;
        }
        return new String(digits);
    }

    private static boolean placeholder(long subscriber) {
        for (long bad : PLACEHOLDER_SUBSCRIBERS) {
            if (bad == subscriber) {
                return true;
            }
        }
        return false;
    }

    private String email(DemoRandom r, int index, String name) {
        long unique = DemoRandom.permuteDecimal(index, emailHalfDigits, DemoRandom.mix64(seed ^ 0xE3A11L));
        double domain = r.nextDouble();
        if (domain < 0.5) {
            // QQ numbers: 8 to 10 digits
            long base = emailHalfDigits <= 3 ? 10_000_000L : 1_000_000_000L;
            return Long.toString(base + unique * (emailHalfDigits <= 3 ? 7 : 1) % (base * 9)).concat("@qq.com");
        }
        String handle = pinyin(name, r);
        String digits = pad(unique, 2 * emailHalfDigits);
        if (domain < 0.78) {
            return new StringBuilder(32).append(handle).append(digits).append("@163.com").toString();
        }
        if (domain < 0.92) {
            return new StringBuilder(32).append(handle).append('_').append(digits).append("@126.com").toString();
        }
        return new StringBuilder(32).append(handle).append('.').append(digits).append("@gmail.com").toString();
    }

    /** The name in pinyin as people write it in handles: zhangwei, or zw. */
    private static String pinyin(String name, DemoRandom r) {
        StringBuilder full = new StringBuilder(16);
        StringBuilder initials = new StringBuilder(4);
        int i = 0;
        if (name.length() > 2) {
            String compound = PINYIN.get(name.substring(0, 2));
            if (compound != null) {
                full.append(compound);
                initials.append(compound.charAt(0));
                i = 2;
            }
        }
        for (; i < name.length(); i++) {
            String py = PINYIN.getOrDefault(name.substring(i, i + 1), "x");
            full.append(py);
            initials.append(py.charAt(0));
        }
        return r.chance(0.75) ? full.toString() : initials.toString();
    }

    private static DemoCatalog.Category affinity(DemoRandom r, Gender gender, int age) {
        int table = gender == Gender.FEMALE ? (age >= 24 && age <= 40 ? 0 : 1) : (age >= 26 && age <= 40 ? 2 : 3);
        return CATEGORIES[AFFINITY[table].pick(r)];
    }

    private List<Account> accounts(DemoRandom r, int index, String name, Gender gender, int age,
                                   DemoCatalog.Category affinity) {
        // Tmall, JD, Douyin, WeChat mini-program: JD for 3C and men, Douyin for the young
        double[] w = {38, 27, 22, 13};
        if (affinity == DemoCatalog.Category.DIGITAL || gender == Gender.MALE) {
            w[1] += 14;
        }
        if (age < 30) {
            w[2] += 10;
        } else if (age > 45) {
            w[3] += 8;
        }
        int primary = r.pick(DemoRandom.cumulative(w));
        List<Account> accounts = new ArrayList<>(3);
        accounts.add(account(r, index, primary, name, gender));
        if (multiPlatform(index)) {
            int others = r.chance(0.8) ? 1 : 2;
            while (accounts.size() < 1 + others) {
                w[primary] = 0;
                int slot = r.pick(DemoRandom.cumulative(w));
                if (w[slot] > 0) {
                    w[slot] = 0;
                    accounts.add(account(r, index, slot, name, gender));
                }
            }
        }
        return Collections.unmodifiableList(accounts);
    }

    private Account account(DemoRandom r, int index, int slot, String name, Gender gender) {
        DemoMerchant.Shop shop = shopsByPlatform[slot];
        long key = DemoRandom.mix64(seed * 31 + slot + 0xACC0L);
        return switch (slot) {
            case 0 -> taobao(r, index, key, shop);
            case 1 -> new Account(shop, jdPin(r, index, key), nickOf(r, name, gender));
            case 2 -> new Account(shop, douyinId(r, index, key), nickOf(r, name, gender));
            default -> new Account(shop, openId(r, index, key), nickOf(r, name, gender));
        };
    }

    /** Taobao member names: the default tb + digits, or a chosen nick made unique with digits. */
    private static Account taobao(DemoRandom r, int index, long key, DemoMerchant.Shop shop) {
        long unique = DemoRandom.permuteDecimal(index, 4, key);
        String nick;
        if (r.chance(0.55)) {
            nick = new StringBuilder(11).append("tb").append(pad(unique, 8)).append(r.nextInt(10)).toString();
        } else {
            nick = new StringBuilder(16).append(NICK_HEADS[(int) (unique % NICK_HEADS.length)])
                    .append(NICK_TAILS[(int) (unique / NICK_HEADS.length % NICK_TAILS.length)])
                    .append(unique / (NICK_HEADS.length * NICK_TAILS.length)).toString();
        }
        return new Account(shop, nick, nick);
    }

    /** JD pins: jd_ and 12 lowercase letters and digits. */
    private static String jdPin(DemoRandom r, int index, long key) {
        long unique = DemoRandom.permuteBinary(index, 24, key);
        char[] pin = new char[15];
        pin[0] = 'j';
        pin[1] = 'd';
        pin[2] = '_';
        for (int i = 0; i < 12; i++) {
            int nibble = (int) (unique >>> (44 - 4 * i)) & 15;
            char c = Character.forDigit(nibble, 16);
            // letters beyond f now and then, as in real pins (still one-to-one: g..o only stand for a..f)
            pin[3 + i] = c >= 'a' && r.chance(0.3) ? (char) (c + 6 + (i & 3)) : c;
        }
        return new String(pin);
    }

    /** Douyin user ids: 15-digit numbers. */
    private static String douyinId(DemoRandom r, int index, long key) {
        long unique = DemoRandom.permuteDecimal(index, 7, key);
        return new StringBuilder(15).append((char) ('1' + r.nextInt(9))).append(pad(unique, 14)).toString();
    }

    /** WeChat OpenIDs: 28 characters, "o" and an app prefix shared by the mini-program's users. */
    private String openId(DemoRandom r, int index, long key) {
        long unique = DemoRandom.permuteBinary(index, 24, key);
        char[] id = new char[28];
        openIdPrefix.getChars(0, 6, id, 0);
        for (int i = 0; i < 8; i++) {
            id[6 + i] = BASE64URL.charAt((int) (unique >>> (6 * i)) & 63);
        }
        for (int i = 14; i < 28; i++) {
            id[i] = BASE64URL.charAt(r.nextInt(64));
        }
        return new String(id);
    }

    /** The number with leading zeros to the width. */
    static String pad(long value, int width) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        char[] out = new char[Math.max(width, digits)];
        long v = value;
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(out);
    }

    private static String nickOf(DemoRandom r, String name, Gender gender) {
        double kind = r.nextDouble();
        if (kind < 0.4) {
            return NICK_HEADS[r.nextInt(NICK_HEADS.length)].concat(NICK_TAILS[r.nextInt(NICK_TAILS.length)]);
        }
        if (kind < 0.7) {
            String last = name.substring(name.length() - 1);
            return gender == Gender.FEMALE && r.chance(0.4) ? last.concat(last).concat("妈妈") : "小".concat(last).concat(last);
        }
        return new StringBuilder(12).append("用户").append(BASE36.charAt(r.nextInt(36))).append(100000 + r.nextInt(900000))
                .toString();
    }
}
