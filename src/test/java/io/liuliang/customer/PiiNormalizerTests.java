package io.liuliang.customer;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiiNormalizerTests {

    private final PiiNormalizer normalizer = new PiiNormalizer(List.of());

    @ParameterizedTest(name = "[{index}] {0} ({1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            13812345678              | CN | +8613812345678
            138 1234 5678            | CN | +8613812345678
            138-1234-5678            | CN | +8613812345678
            ' 138 1234-5678 '        | CN | +8613812345678
            +86 138 1234 5678        | CN | +8613812345678
            +86-138-1234-5678        | CN | +8613812345678
            +8613812345678           | US | +8613812345678
            0086 138 1234 5678       | CN | +8613812345678
            008613812345678          | CN | +8613812345678
            8613812345678            | CN | +8613812345678
            86 138 1234 5678         | CN | +8613812345678
            86-13812345678           | CN | +8613812345678
            (+86) 13812345678        | CN | +8613812345678
            tel:13812345678          | CN | +8613812345678
            １３８１２３４５６７８       | CN | +8613812345678
            19912345678              | CN | +8619912345678
            16612345678              | cn | +8616612345678
            010-12345678             | CN | +861012345678
            (010) 1234 5678          | CN | +861012345678
            021-61234567             | CN | +862161234567
            0571-87654321            | CN | +8657187654321
            +86 21 6123 4567         | CN | +862161234567
            +852 9123 4567           | CN | +85291234567
            +1 650-253-0000          | CN | +16502530000
            (650) 253-0000           | US | +16502530000
            +44 20 7031 3000         | CN | +442070313000
            """)
    void normalisesPhonesToE164(String raw, String region, String e164) {
        assertThat(normalizer.phone(raw, region)).contains(e164);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "1381234567",            // 10 digits: too short for a mobile
            "138123456789",          // 12 digits: too long
            "12812345678",           // no such mobile prefix
            "23812345678",
            "12345678",              // no area code
            "95588",                 // a bank's short service number
            "400-820-8820",          // shared-cost company hotline
            "800-820-8820",          // toll-free
            "abc",
            "0",
            "13812345678/13912345678",
            "+86",
            "+999 1234567",
    })
    void rejectsInvalidNumbers(String raw) {
        assertThat(normalizer.phone(raw, "CN")).isEmpty();
    }

    @Test
    void aNumberWithoutCountryCodeNeedsARegion() {
        assertThat(normalizer.phone("13812345678", null)).isEmpty();
        assertThat(normalizer.phone("13812345678", " ")).isEmpty();
        assertThat(normalizer.phone("+86 13812345678", null)).contains("+8613812345678");
        assertThat(normalizer.phone("650-253-0000", "CN")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\u3000", "\u00a0", "null", "NULL", "Null", "none", "NONE", "nil", "undefined",
            "-", "--", "n/a", "N/A", "#N/A", "无", "空", "暂无", "未知", " 未知 "})
    void junkTokensAreNeverAPhoneOrEmail(String raw) {
        assertThat(normalizer.phone(raw, "CN")).isEmpty();
        assertThat(normalizer.email(raw)).isEmpty();
        assertThat(PiiNormalizer.isJunk(raw)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "00000000000", "11111111111", "88888888", "0000000",
            "13800000000", "+86 138 0000 0000", "8613800000000",
            "13800138000", "+86 138 0013 8000", "0086 13800138000",
            "12345678901", "+1 234-567-8901",
            "13333333333", "18888888888", "13911111111", "15500000000", "+86 199 9999 9999",
            "9876543210", "0123456789",
            "138****5678", "138＊＊＊＊5678"})
    void placeholderAndFillerPhonesAreJunkInEveryRegion(String raw) {
        assertThat(normalizer.phone(raw, "CN")).isEmpty();
        assertThat(normalizer.phone(raw, "US")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"13812345678", "13833333330", "13800001111", "18888888881", "13912345678"})
    void realLookingMobilesAreKept(String raw) {
        assertThat(normalizer.phone(raw, "CN")).contains("+86" + raw);
    }

    @Test
    void landlinesAndMobilesAreBothPersonal() {
        assertThat(normalizer.phone("010-88888888", "CN")).contains("+861088888888");
        assertThat(normalizer.phone("13812345678", "CN")).contains("+8613812345678");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            zhang@qq.com                 | zhang@qq.com
            " Zhang.San@QQ.com "         | zhang.san@qq.com
            ZHANG_SAN+shop@163.COM       | zhang_san+shop@163.com
            13812345678@163.com          | 13812345678@163.com
            li-si@mail.example.cn        | li-si@mail.example.cn
            张三@公司.中国                 | 张三@公司.中国
            wang@shop.xn--fiqs8s         | wang@shop.xn--fiqs8s
            o'brien@sub.domain.co.uk     | o'brien@sub.domain.co.uk
            zhang＠qq．com                | zhang@qq.com
            """)
    void normalisesEmails(String raw, String expected) {
        assertThat(normalizer.email(raw)).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "zhang", "zhang@", "@qq.com", "zhang@qq", "zhang@@qq.com", "zhang@li@qq.com", "zhang @qq.com",
            "zhang@q q.com", "zhang@qq.c", "zhang@qq.com.", "zhang@.qq.com", "zhang@qq..com", ".zhang@qq.com",
            "zhang.@qq.com", "zh..ang@qq.com", "zhang@-qq.com", "zhang@qq-.com", "zhang@qq.com;li@qq.com",
            "zhang@qq.com,li@qq.com", "<zhang@qq.com>", "\"zhang\"@qq.com", "mailto:zhang@qq.com", "z***@qq.com",
            "zhang@123.456"})
    void rejectsMalformedEmails(String raw) {
        assertThat(normalizer.email(raw)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "zhang@example.com", "zhang@EXAMPLE.ORG", "zhang@example.net", "zhang@test.com", "zhang@test.cn",
            "zhang@localhost", "zhang@localhost.localdomain", "zhang@mail.example.com",
            "test@qq.com", "TEST@163.com", "test+1@qq.com", "noreply@shop.cn", "no-reply@shop.cn",
            "no_reply@shop.cn", "donotreply@shop.cn", "do-not-reply@shop.cn"})
    void placeholderEmailsAreJunk(String raw) {
        assertThat(normalizer.email(raw)).isEmpty();
    }

    @Test
    void emailsMerelyResemblingPlaceholdersAreKept() {
        assertThat(normalizer.email("tester@qq.com")).contains("tester@qq.com");
        assertThat(normalizer.email("zhang@myexample.com")).contains("zhang@myexample.com");
        assertThat(normalizer.email("zhang@test.com.cn")).contains("zhang@test.com.cn");
    }

    @Test
    void theConfiguredBlocklistHoldsExactNormalisedValues() {
        PiiNormalizer blocking = new PiiNormalizer(" 13912345678 , +86 021 6123 4567,Shop@QQ.com,, ");

        assertThat(blocking.phone("139-1234-5678", "CN")).isEmpty();
        assertThat(blocking.phone("+8613912345678", "US")).isEmpty();
        assertThat(blocking.phone("021 61234567", "CN")).isEmpty();
        assertThat(blocking.email(" shop@qq.com ")).isEmpty();
        assertThat(blocking.email("SHOP@qq.com")).isEmpty();

        assertThat(blocking.phone("13912345679", "CN")).contains("+8613912345679");
        assertThat(blocking.email("shop2@qq.com")).contains("shop2@qq.com");
        assertThat(new PiiNormalizer("").phone("13912345678", "CN")).contains("+8613912345678");
        assertThat(new PiiNormalizer((String) null).email("shop@qq.com")).contains("shop@qq.com");
    }
}
