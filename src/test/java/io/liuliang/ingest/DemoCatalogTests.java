package io.liuliang.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCatalogTests {

    private final DemoCatalog catalog = new DemoCatalog();

    @Test
    void holdsAboutTwoHundredSkusInFiveCategories() {
        List<DemoCatalog.Product> products = catalog.products();
        assertThat(products).hasSizeBetween(180, 230);
        Set<String> skus = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < products.size(); i++) {
            DemoCatalog.Product p = products.get(i);
            assertThat(p.index()).isEqualTo(i);
            assertThat(skus.add(p.sku())).isTrue();
            assertThat(names.add(p.name())).as("distinct name %s", p.name()).isTrue();
            assertThat(p.sku()).startsWith(p.category().code() + "-");
            assertThat(p.priceCents()).isPositive();
            assertThat(p.keyword()).isNotBlank();
            assertThat(p.name()).doesNotContain("%s", ",", "\"");
        }
        for (DemoCatalog.Category c : DemoCatalog.Category.values()) {
            assertThat(catalog.products(c)).hasSizeGreaterThan(25);
        }
        assertThat(names).contains("婴儿奶粉 3段 900g", "纸尿裤 L码 54片", "玻尿酸精华液 30ml", "无线蓝牙耳机 白色",
                "纯棉T恤 男款 L", "坚果礼盒 1.5kg");
    }

    @Test
    void foodIsCheapAnd3cExpensive() {
        assertThat(median(DemoCatalog.Category.FOOD)).isLessThan(100_00);
        assertThat(median(DemoCatalog.Category.DIGITAL)).isGreaterThanOrEqualTo(2 * median(DemoCatalog.Category.FOOD));
        assertThat(mean(DemoCatalog.Category.DIGITAL)).isGreaterThan(4 * mean(DemoCatalog.Category.FOOD));
        assertThat(mean(DemoCatalog.Category.DIGITAL)).isGreaterThan(mean(DemoCatalog.Category.APPAREL));
        assertThat(median(DemoCatalog.Category.APPAREL)).isGreaterThan(median(DemoCatalog.Category.FOOD));
        assertThat(catalog.products(DemoCatalog.Category.DIGITAL)).anyMatch(p -> p.priceCents() >= 2_000_00);
        assertThat(catalog.products(DemoCatalog.Category.FOOD)).allMatch(p -> p.priceCents() <= 300_00);
    }

    @Test
    void seasonalProductsSellInSeason() {
        DemoRandom r = new DemoRandom(1);
        int downJacketsInJanuary = 0;
        int downJacketsInJuly = 0;
        for (int i = 0; i < 20_000; i++) {
            downJacketsInJanuary += catalog.pick(r, DemoCatalog.Category.APPAREL, 1).keyword().equals("羽绒服") ? 1 : 0;
            downJacketsInJuly += catalog.pick(r, DemoCatalog.Category.APPAREL, 7).keyword().equals("羽绒服") ? 1 : 0;
        }
        assertThat(downJacketsInJanuary).isGreaterThan(10 * downJacketsInJuly);
    }

    private double mean(DemoCatalog.Category category) {
        return catalog.products(category).stream().mapToLong(DemoCatalog.Product::priceCents).average().orElseThrow();
    }

    private long median(DemoCatalog.Category category) {
        long[] prices = catalog.products(category).stream().mapToLong(DemoCatalog.Product::priceCents).sorted().toArray();
        return prices[prices.length / 2];
    }
}
