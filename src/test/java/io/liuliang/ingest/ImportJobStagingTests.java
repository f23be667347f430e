package io.liuliang.ingest;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportJobStagingTests {

    @Test
    void orderTimesAreStagedInMicrosecondsAndReadBackExactly() {
        for (String text : new String[] {"2010-12-01T08:26:00Z", "2024-06-18T12:05:00.123456Z", "1969-12-31T23:59:59.999999Z",
                "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z"}) {
            Instant t = Instant.parse(text);
            assertThat(ImportJob.fromMicros(ImportJob.micros(t))).as(text).isEqualTo(t);
        }
    }

    @Test
    void stagedTimesKeepTheirOrderAndDropOnlyWhatTimestamptzCannotHold() {
        Instant earlier = Instant.parse("1969-12-31T23:59:59.999998Z");
        Instant later = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(ImportJob.micros(earlier)).isLessThan(ImportJob.micros(later));
        assertThat(ImportJob.micros(Instant.parse("2024-06-18T12:05:00.123456789Z")))
                .isEqualTo(ImportJob.micros(Instant.parse("2024-06-18T12:05:00.123456Z")));
    }

    @Test
    void keysPutWhatDiffersFirstAndStayUnambiguous() {
        java.util.UUID shop = java.util.UUID.fromString("6f1c1d9e-5a4b-4c1e-9a43-0a1b2c3d4e5f");
        assertThat(StagedLine.orderKey(new StringBuilder(), "536365", shop.toString()).toString())
                .isEqualTo("536365|" + shop);
        StagedLine buyer = new StagedLine(2, shop, "536365", "17850", null, null, null, null, null, null, null, null,
                null, null, null, Instant.parse("2010-12-01T08:26:00Z"), null, "completed", "GBP", "85123A", null, null,
                null, 6, null, null, null, null, null, null, null);
        assertThat(buyer.recordKey()).isEqualTo("17850|||" + shop);
        StagedLine guest = new StagedLine(3, shop, "536365", null, null, null, null, null, null, null, null, null,
                null, null, null, Instant.parse("2010-12-01T08:26:00Z"), null, "completed", "GBP", "85123A", null, null,
                null, 6, null, null, null, null, null, null, null);
        assertThat(guest.recordKey()).isNull();
    }
}
