package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts, quantities and date-times from cell text: values, blanks and rejections, never exceptions. */
class ImportValueParsingTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", value = {
            "¥1,234.50      | 1234.50",
            "￥1,234.50      | 1234.50",
            "1234.5         | 1234.50",
            "-3.00          | -3.00",
            "-¥3.00         | -3.00",
            "¥-3.00         | -3.00",
            "(12.00)        | -12.00",
            "12.00元        | 12.00",
            "CNY 8          | 8.00",
            "US$19.99       | 19.99",
            "'598           | 598.00",
            "=\"88.8\"      | 88.80",
            "0.001          | 0.001",
            "2.5500         | 2.55",
            "1,234,567.891  | 1234567.891",
            "12345678901234.00 | 12345678901234.00",
            "``             | null",
            "-              | null",
            "--             | null",
    })
    void amountsAreParsed(String text, String expected) {
        ParseResult<BigDecimal> result = ImportValues.amount(text);
        assertThat(result).isInstanceOf(ParseResult.Ok.class);
        if (expected == null) {
            assertThat(result.valueOrNull()).isNull();
        } else {
            assertThat(result.valueOrNull()).isEqualTo(new BigDecimal(expected));
        }
    }

    @ParameterizedTest(name = "{0} rejected: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "abc            | NOT_A_NUMBER",
            "12abc          | NOT_A_NUMBER",
            "1.2.3          | NOT_A_NUMBER",
            "1e5            | NOT_A_NUMBER",
            "¥              | NOT_A_NUMBER",
            "12,5           | AMBIGUOUS_NUMBER",
            "1.234,50       | AMBIGUOUS_NUMBER",
            "1234,567       | AMBIGUOUS_NUMBER",
            "0.12345        | TOO_MANY_DECIMALS",
            "12345678901234567.00 | OUT_OF_RANGE",
    })
    void badAmountsAreRejectedWithAReason(String text, Rejection reason) {
        assertThat(ImportValues.amount(text)).isInstanceOfSatisfying(ParseResult.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.input()).isEqualTo(text.strip());
            assertThat(rejected.message()).startsWith("'" + text.strip() + "'");
        });
        assertThat(ImportValues.amount(text).valueOrNull()).isNull();
        assertThat(ImportValues.amount(text).isRejected()).isTrue();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", value = {
            "3        | 3",
            "-12      | -12",
            "+4       | 4",
            "1,000    | 1000",
            "2.0      | 2",
            "'7       | 7",
            "３       | 3",
            "``       | null",
            "-        | null",
    })
    void quantitiesAreParsed(String text, Integer expected) {
        ParseResult<Integer> result = ImportValues.quantity(text);
        assertThat(result).isInstanceOf(ParseResult.Ok.class);
        assertThat(result.valueOrNull()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} rejected: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "2.5          | NOT_AN_INTEGER",
            "two          | NOT_A_NUMBER",
            "3件          | NOT_A_NUMBER",
            "12,34        | AMBIGUOUS_NUMBER",
            "99999999999  | OUT_OF_RANGE",
            "3000000000   | OUT_OF_RANGE",
    })
    void badQuantitiesAreRejectedWithAReason(String text, Rejection reason) {
        assertThat(ImportValues.quantity(text)).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", value = {
            "ONLINE_RETAIL | 2011-12-09 12:50:00         | 2011-12-09T12:50:00Z",
            "ONLINE_RETAIL | 2011-06-09 12:50:00         | 2011-06-09T11:50:00Z",
            "ONLINE_RETAIL | 12/1/2010 8:26              | 2010-12-01T08:26:00Z",
            "TAOBAO        | 2024/6/18 20:01:02          | 2024-06-18T12:01:02Z",
            "TAOBAO        | 2024-06-18 20:01:02         | 2024-06-18T12:01:02Z",
            "TAOBAO        | 2016/5/23 22:02             | 2016-05-23T14:02:00Z",
            "TAOBAO        | 2024年6月18日 20:01:02       | 2024-06-18T12:01:02Z",
            "TAOBAO        | 2024-06-18T20:01:02+08:00   | 2024-06-18T12:01:02Z",
            "TAOBAO        | 2024-06-18T20:01:02         | 2024-06-18T12:01:02Z",
            "TAOBAO        | 2024-06-18 20:01:02.5       | 2024-06-18T12:01:02.5Z",
            "TAOBAO        | 2024-06-18                  | 2024-06-17T16:00:00Z",
            "TAOBAO        | 2024/6/18                   | 2024-06-17T16:00:00Z",
            "DOUYIN        | \t2024-06-18 20:01:02       | 2024-06-18T12:01:02Z",
            "SHOPIFY       | 2024-05-01 09:58:12 +0000   | 2024-05-01T09:58:12Z",
            "SHOPIFY       | 2024-05-01 09:58:12 -04:00  | 2024-05-01T13:58:12Z",
            "SHOPIFY       | 2024-05-01T09:58:12Z        | 2024-05-01T09:58:12Z",
            "GENERIC       | 2024-06-18 20:01:02         | 2024-06-18T12:01:02Z",
            "GENERIC       | ``                          | null",
    })
    void dateTimesAreReadInTheProfilesFormatsAndZone(ImportProfile profile, String text, String expected) {
        ImportDateTimeParser parser = profile.dateTimeParser(ZoneId.of("Asia/Shanghai"));
        ParseResult<Instant> result = parser.parse(text);
        assertThat(result).as(text).isInstanceOf(ParseResult.Ok.class);
        assertThat(result.valueOrNull()).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0} rejected: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "2024-02-30 10:00:00   | INVALID_DATE",
            "2023-02-29            | INVALID_DATE",
            "2024-06-18 24:00:00   | INVALID_DATE",
            "2024-13-01 10:00:00   | INVALID_DATE",
            "yesterday             | NOT_A_DATE_TIME",
            "18.06.2024 x          | NOT_A_DATE_TIME",
            "2024-06-18 20:01:02 abc | NOT_A_DATE_TIME",
            "45461.5               | NOT_A_DATE_TIME",
    })
    void badDateTimesAreRejectedWithAReason(String text, Rejection reason) {
        ParseResult<Instant> result = ImportProfile.TAOBAO.dateTimeParser(ZoneId.of("Asia/Shanghai")).parse(text);
        assertThat(result).as(text).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    @Test
    void aParserRemembersTheFormatThatMatchedButStillTriesTheOthers() {
        ImportDateTimeParser parser = new ImportDateTimeParser(List.of("uuuu/M/d H:mm", "uuuu-M-d H:mm:ss"),
                ZoneId.of("UTC"));
        assertThat(parser.parse("2024-06-18 20:01:02").valueOrNull()).isEqualTo(Instant.parse("2024-06-18T20:01:02Z"));
        assertThat(parser.parse("2024/6/18 20:01").valueOrNull()).isEqualTo(Instant.parse("2024-06-18T20:01:00Z"));
        assertThat(parser.parse("2024-06-19 20:01:02").valueOrNull()).isEqualTo(Instant.parse("2024-06-19T20:01:02Z"));
        assertThat(parser.parse("2024-06-19 20:01:02").valueOrNull()).isEqualTo(Instant.parse("2024-06-19T20:01:02Z"));

        // the fast path for numeric shapes only takes what the patterns allow
        ImportDateTimeParser dashesOnly = new ImportDateTimeParser(List.of("uuuu-M-d H:mm:ss"), ZoneId.of("UTC"));
        assertThat(dashesOnly.parse("2024/6/18 20:01:02").isRejected()).isTrue();
        assertThat(dashesOnly.parse("2024-6-18 20:01").isRejected()).isTrue();
        assertThat(dashesOnly.parse("2024-6-8 8:01:02").valueOrNull()).isEqualTo(Instant.parse("2024-06-08T08:01:02Z"));
    }

    @Test
    void cellTextIsCleanedTheWayExportsNeed() {
        assertThat(ImportText.clean("\t6921234567890123456")).isEqualTo("6921234567890123456");
        assertThat(ImportText.clean("=\"1930679858170647\"")).isEqualTo("1930679858170647");
        assertThat(ImportText.clean("'18618486065")).isEqualTo("18618486065");
        assertThat(ImportText.clean("'Tis")).isEqualTo("'Tis");
        assertThat(ImportText.clean(null)).isEmpty();
        assertThat(ImportText.key(" 收货人（姓名） ")).isEqualTo("收货人(姓名)");
        assertThat(ImportText.key("\uFEFFLineitem SKU")).isEqualTo("lineitemsku");
    }
}
