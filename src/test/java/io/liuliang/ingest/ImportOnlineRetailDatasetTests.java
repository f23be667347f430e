package io.liuliang.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Reads the real UCI Online Retail dataset from ../shared/datasets, end to end. */
class ImportOnlineRetailDatasetTests {

    static Path dataset() {
        Path root = Path.of(System.getProperty("liuliang.shared-datasets", "../shared/datasets"));
        Path file = root.resolve("online_retail/online_retail.csv.gz");
        if (!Files.isRegularFile(file)) {
            fail("The Online Retail dataset is missing: expected " + file.toAbsolutePath().normalize()
                    + " (see ../shared/datasets/README.md; the shared datasets folder must sit beside the project).");
        }
        return file;
    }

    @Test
    void readsAll541909LinesAndRecognisesTheLayout() throws Exception {
        Path file = dataset();
        try (RowReader reader = RowReader.open(file)) {
            assertThat(reader.format()).isEqualTo(
                    new ImportFormat.DelimitedText(java.nio.charset.StandardCharsets.UTF_8, 0, ',', true));
            assertThat(reader.header()).containsExactly("InvoiceNo", "StockCode", "Description", "Quantity",
                    "InvoiceDate", "UnitPrice", "CustomerID", "Country");
            assertThat(reader.headerLineNumber()).isEqualTo(1);

            List<ProfileCandidate> candidates = ProfileDetector.detect(reader.header());
            ProfileCandidate best = candidates.get(0);
            assertThat(best.profile()).isEqualTo(ImportProfile.ONLINE_RETAIL);
            assertThat(best.score()).isEqualTo(1.0);
            assertThat(best.complete()).isTrue();
            ColumnMapping mapping = best.mapping();
            ImportDateTimeParser dates = ImportProfile.ONLINE_RETAIL.dateTimeParser(ZoneId.of("Asia/Shanghai"));

            long rows = 0;
            long guests = 0;
            long lastLine = 0;
            Set<String> invoices = new HashSet<>();
            ImportRow first = null;
            ImportRow quoted = null;
            ImportRow last = null;
            for (ImportRow row : reader) {
                rows++;
                assertThat(row.lineNumber()).isGreaterThan(lastLine);
                lastLine = row.lineNumber();
                if (first == null) {
                    first = row;
                }
                if (mapping.value(row, ImportField.CUSTOMER_ID) == null) {
                    guests++;
                }
                invoices.add(mapping.value(row, ImportField.ORDER_ID));
                if (quoted == null && "82567".equals(row.field(1)) && "536381".equals(row.field(0))) {
                    quoted = row;
                }
                last = row;
            }
            assertThat(rows).isEqualTo(541_909);
            assertThat(lastLine).isEqualTo(541_910);
            assertThat(guests).isEqualTo(135_080);
            assertThat(invoices).hasSize(25_900);
            assertThat(reader.progress().getAsDouble()).isEqualTo(1.0);

            assertThat(first.lineNumber()).isEqualTo(2);
            assertThat(first.fields()).containsExactly("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6",
                    "2010-12-01 08:26:00", "2.55", "17850", "United Kingdom");
            assertThat(quoted.field(2)).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
            assertThat(last.lineNumber()).isEqualTo(541_910);
            assertThat(mapping.value(last, ImportField.SKU)).isEqualTo("22138");
            assertThat(mapping.value(last, ImportField.PRODUCT_NAME)).isEqualTo("BAKING SET 9 PIECE RETROSPOT");
            assertThat(ImportValues.quantity(mapping.value(last, ImportField.QUANTITY)).valueOrNull()).isEqualTo(3);
            assertThat(ImportValues.amount(mapping.value(last, ImportField.UNIT_PRICE)).valueOrNull())
                    .isEqualByComparingTo("4.95");
            // UK local time; GMT in December, whatever the shop's zone
            assertThat(dates.parse(mapping.value(last, ImportField.ORDERED_AT)).valueOrNull())
                    .isEqualTo(Instant.parse("2011-12-09T12:50:00Z"));
            assertThat(mapping.value(last, ImportField.COUNTRY)).isEqualTo("France");
            assertThat(ImportProfile.ONLINE_RETAIL.defaults().currency()).isEqualTo("GBP");
        }
    }
}
