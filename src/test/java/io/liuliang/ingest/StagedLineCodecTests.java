package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagedLineCodecTests {

    private static StagedLine line(String productName, String remark, Instant paidAt) {
        return new StagedLine(42, UUID.fromString("6f1c1d9e-5a4b-4c1e-9a43-0a1b2c3d4e5f"), "TB-1001", "buyer 7",
                "cGhvbmU=", "ab12", null, null, "bmFtZQ==", null, "张*", "138****5678", null, "浙江省", "杭州市",
                Instant.parse("2024-06-18T12:01:02Z"), paidAt, "paid", "CNY", "SKU-1", null, productName, "食品",
                3, new BigDecimal("19.90"), new BigDecimal("59.70"), null, BigDecimal.ZERO, new BigDecimal("-0.5"),
                null, remark);
    }

    @Test
    void aLineSurvivesTheRoundTripWithNullsEmptyTextAndFractionsOfSeconds() {
        StagedLine original = line("牛奶 900ml", "", Instant.parse("2024-06-18T12:05:00.123456789Z"));
        assertThat(StagedLineCodec.decode(StagedLineCodec.encode(original))).isEqualTo(original);
    }

    @Test
    void separatorsAndEscapesInsideValuesAreKept() {
        StagedLine original = line("a\u001fb\u001ec\u001bd\te\\f\ng", "\u001e", null);
        String encoded = StagedLineCodec.encode(original);
        assertThat(encoded.chars().filter(c -> c == '\u001f').count()).isEqualTo(30);
        assertThat(StagedLineCodec.decode(encoded)).isEqualTo(original);
    }

    @Test
    void itIsFarSmallerThanJson() {
        StagedLine l = line("WHITE HANGING HEART T-LIGHT HOLDER", null, null);
        assertThat(StagedLineCodec.encode(l).length())
                .isLessThan(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(l).length() / 2);
    }

    @Test
    void aTruncatedLineIsRefused() {
        String encoded = StagedLineCodec.encode(line("x", null, null));
        assertThatThrownBy(() -> StagedLineCodec.decode(encoded.substring(0, encoded.lastIndexOf('\u001f'))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
