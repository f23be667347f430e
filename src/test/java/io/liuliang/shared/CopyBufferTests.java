package io.liuliang.shared;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyBufferTests {

    private static String written(CopyBuffer buffer) {
        return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void textIsUtf8WithCopyEscapes() {
        CopyBuffer buffer = new CopyBuffer(4);
        buffer.text("a\\b\tc\nd\re").tab().text("£ 牛奶 😀").tab().nul().endRow();
        assertThat(written(buffer)).isEqualTo("a\\\\b\\tc\\nd\\re\t£ 牛奶 😀\t\\N\n");
    }

    @Test
    void textMatchesTheJdkEncoderForEveryKindOfCharacter() {
        String sample = "plain ASCII, Latin-1 éü£, Greek αβ, CJK 淘宝天猫, emoji 👍🏽, unit separator \u001f";
        CopyBuffer buffer = new CopyBuffer(1);
        buffer.text(sample);
        assertThat(buffer.toByteArray()).isEqualTo(sample.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnpairedSurrogateBecomesAQuestionMarkAsTheJdkWritesIt() {
        String broken = "x\uD83Dy";
        CopyBuffer buffer = new CopyBuffer(1);
        buffer.text(broken);
        assertThat(buffer.toByteArray()).isEqualTo(broken.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersAreWrittenInDecimal() {
        CopyBuffer buffer = new CopyBuffer(1);
        buffer.number(0).ascii(' ').number(42).ascii(' ').number(-7).ascii(' ').number(Long.MAX_VALUE).ascii(' ')
                .number(Long.MIN_VALUE);
        assertThat(written(buffer)).isEqualTo("0 42 -7 " + Long.MAX_VALUE + " " + Long.MIN_VALUE);
    }

    @Test
    void clearingKeepsNothing() {
        CopyBuffer buffer = new CopyBuffer(8);
        buffer.text("something long enough to grow the buffer");
        buffer.clear();
        buffer.raw("id".getBytes(StandardCharsets.US_ASCII)).tab().number(1);
        assertThat(written(buffer)).isEqualTo("id\t1");
        assertThat(buffer.size()).isEqualTo(4);
    }

    @Test
    void decimalsAreWrittenInPlainNotationAsBigDecimalWritesThem() {
        for (String value : new String[] {"0", "0.05", "-0.05", "1.50", "-1234.5678", "2.55", "100", "1E+3", "1E-19",
                "123456789012345678.12", "-9223372036854775808", "9223372036854775807.5", "0.0000"}) {
            BigDecimal decimal = new BigDecimal(value);
            CopyBuffer buffer = new CopyBuffer(1);
            buffer.decimal(decimal);
            assertThat(written(buffer)).as(value).isEqualTo(decimal.toPlainString());
        }
    }

    @Test
    void uuidsAndByteaAreWrittenAsPostgresqlReadsThem() {
        UUID id = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        CopyBuffer buffer = new CopyBuffer(1);
        buffer.uuid(id).tab().uuid(new UUID(0, 0)).tab().bytea(new byte[] {0, 15, (byte) 0xAB, -1});
        assertThat(written(buffer)).isEqualTo(id + "\t00000000-0000-0000-0000-000000000000\t\\\\x000fabff");
    }
}
