package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.liuliang.order.Platform;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPeopleTests {

    /** A mainland mobile number: 1, a network digit 3-9, nine more digits. */
    private static final Pattern CHINA_MOBILE = Pattern.compile("^1[3-9]\\d{9}$");
    private static final int N = 50_000;

    private static DemoPeople people;
    private static List<DemoPeople.Person> persons;

    @BeforeAll
    static void generate() {
        people = new DemoPeople(DemoMerchant.of(42, N, 2L * N), new DemoCatalog());
        persons = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            persons.add(people.person(i));
        }
    }

    static boolean placeholder(String phone) {
        String subscriber = phone.substring(3);
        return phone.chars().distinct().count() == 1
                || subscriber.chars().distinct().count() == 1
                || subscriber.endsWith("0000")
                || List.of("13800138000", "13800000000", "13888888888", "13912345678", "18888888888", "12345678901")
                        .contains(phone)
                || "0123456789".contains(subscriber) || "9876543210".contains(subscriber);
    }

    @Test
    void everyPhoneIsAValidUniqueMobileNumberAndNoPlaceholder() {
        Set<String> phones = new HashSet<>();
        Map<String, Integer> prefixes = new HashMap<>();
        for (DemoPeople.Person p : persons) {
            assertThat(p.phone()).matches(CHINA_MOBILE);
            assertThat(p.phone().substring(0, 2)).isIn("13", "15", "18", "19");
            assertThat(phones.add(p.phone())).as("unique phone %s", p.phone()).isTrue();
            prefixes.merge(p.phone().substring(0, 3), 1, Integer::sum);
        }
        assertThat(prefixes).hasSizeGreaterThan(25);
        long placeholders = persons.stream().filter(p -> placeholder(p.phone()) && !p.phone().endsWith("0000")).count();
        assertThat(placeholders).isZero();
        // ten thousand in a row never end on 0000 more often than chance
        assertThat(persons.stream().filter(p -> p.phone().endsWith("0000")).count()).isLessThan(20);
        // gift receivers: other, valid, unique numbers
        for (int i = 0; i < 5_000; i++) {
            for (int which = 0; which < 2; which++) {
                DemoPeople.Contact c = people.giftContact(i, which);
                assertThat(c.phone()).matches(CHINA_MOBILE);
                assertThat(phones.add(c.phone())).isTrue();
            }
        }
    }

    @Test
    void theBijectionSkipsPlaceholders() {
        // whatever the seed, the first million numbers of a prefix contain none of the forbidden ones
        DemoPeople other = new DemoPeople(DemoMerchant.of(1, 10, 10), new DemoCatalog());
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            String phone = other.phone(i * 33); // the same prefix, 130
            assertThat(phone).startsWith("130");
            assertThat(phone.substring(3).chars().distinct().count()).isGreaterThan(1);
            assertThat(phone).isNotIn("13012345678", "13087654321", "13000138000");
            assertThat(seen.add(phone)).isTrue();
        }
    }

    @Test
    void namesGendersAgesAndPlacesLookChinese() {
        Map<String, Integer> surnames = new HashMap<>();
        Map<String, Integer> provinces = new HashMap<>();
        Map<DemoPeople.Gender, Integer> genders = new EnumMap<>(DemoPeople.Gender.class);
        for (DemoPeople.Person p : persons) {
            assertThat(p.name()).matches("[\\u4e00-\\u9fa5]{2,4}");
            surnames.merge(p.name().substring(0, 1), 1, Integer::sum);
            provinces.merge(p.region().province(), 1, Integer::sum);
            genders.merge(p.gender(), 1, Integer::sum);
            assertThat(2025 - p.birthYear()).isBetween(18, 66);
            assertThat(p.region().city()).matches(".+(市|州)");
        }
        assertThat(surnames.get("王")).isGreaterThan(surnames.get("孙"));
        assertThat(surnames.get("李") / (double) N).isBetween(0.04, 0.10);
        assertThat(provinces.get("广东省")).isGreaterThan(provinces.get("四川省"));
        assertThat(provinces.get("广东省") / (double) N).isBetween(0.10, 0.20);
        assertThat(provinces).containsKeys("浙江省", "江苏省", "上海市", "北京市", "山东省", "四川省");
        assertThat(genders.get(DemoPeople.Gender.FEMALE)).isGreaterThan(genders.get(DemoPeople.Gender.MALE));
        long oneCharGiven = persons.stream().filter(p -> p.name().length() == 2).count();
        assertThat(oneCharGiven / (double) N).isBetween(0.1, 0.45);
    }

    @Test
    void aboutThirtyPercentHaveUniqueEmails() {
        Set<String> emails = new HashSet<>();
        Map<String, Integer> domains = new HashMap<>();
        for (DemoPeople.Person p : persons) {
            if (p.email() != null) {
                assertThat(p.email()).matches("[a-z0-9._]+@(qq|163|126|gmail)\\.com");
                assertThat(emails.add(p.email())).isTrue();
                domains.merge(p.email().substring(p.email().indexOf('@') + 1), 1, Integer::sum);
            }
        }
        assertThat(emails.size() / (double) N).isBetween(0.27, 0.33);
        assertThat(domains).containsOnlyKeys("qq.com", "163.com", "126.com", "gmail.com");
        assertThat(domains.get("qq.com")).isGreaterThan(domains.get("gmail.com"));
    }

    @Test
    void buyerIdsAreUniquePerPlatformAndShapedLikeThem() {
        Map<Platform, Set<String>> ids = new EnumMap<>(Platform.class);
        int multi = 0;
        for (DemoPeople.Person p : persons) {
            assertThat(p.accounts()).hasSizeBetween(1, 3);
            assertThat(p.accounts().stream().map(a -> a.shop()).distinct().count()).isEqualTo(p.accounts().size());
            multi += p.multiPlatform() ? 1 : 0;
            for (DemoPeople.Account a : p.accounts()) {
                assertThat(ids.computeIfAbsent(a.shop().platform(), k -> new HashSet<>()).add(a.buyerId())).isTrue();
                assertThat(a.nick()).isNotBlank();
                switch (a.shop().platform()) {
                    case TMALL -> assertThat(a.buyerId()).matches("tb\\d{9}|[\\u4e00-\\u9fa5]+\\d+");
                    case JD -> assertThat(a.buyerId()).matches("jd_[0-9a-z]{12}");
                    case DOUYIN -> assertThat(a.buyerId()).matches("[1-9]\\d{14}");
                    case WECHAT_MINI -> assertThat(a.buyerId()).matches("o[A-Za-z0-9_-]{27}");
                    default -> throw new AssertionError(a.shop());
                }
            }
        }
        assertThat(ids).containsOnlyKeys(Platform.TMALL, Platform.JD, Platform.DOUYIN, Platform.WECHAT_MINI);
        assertThat(multi / (double) N).isBetween(0.13, 0.17);
        // OpenIDs of one mini-program share its prefix
        assertThat(ids.get(Platform.WECHAT_MINI).stream().map(id -> id.substring(0, 6)).distinct()).hasSize(1);
    }

    @Test
    void aPersonIsTheSameWhateverElseIsGenerated() {
        DemoPeople again = new DemoPeople(DemoMerchant.of(42, N, 2L * N), new DemoCatalog());
        assertThat(again.person(12_345)).isEqualTo(persons.get(12_345));
        assertThat(again.person(0)).isEqualTo(persons.get(0));
        DemoPeople otherSeed = new DemoPeople(DemoMerchant.of(43, N, 2L * N), new DemoCatalog());
        assertThat(otherSeed.person(12_345).phone()).isNotEqualTo(persons.get(12_345).phone());
    }

    @Test
    void favouritesAreInTheFavouriteCategory() {
        for (DemoPeople.Person p : persons.subList(0, 2_000)) {
            assertThat(p.favourites()).isNotEmpty().hasSizeLessThanOrEqualTo(3)
                    .allSatisfy(f -> assertThat(f.category()).isEqualTo(p.affinity()));
            assertThat(p.loyalty()).isBetween(0.45, 0.85);
        }
    }
}
