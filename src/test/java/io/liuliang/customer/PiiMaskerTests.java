package io.liuliang.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiiMaskerTests {

    private final PiiMasker masker = new PiiMasker();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +8613812345678   | 138****5678
            +8619912345678   | 199****5678
            +861012345678    | +86 101*****78
            +8657187654321   | +86 571******21
            +85291234567     | +852 912***67
            +16502530000     | +1 650*****00
            +442070313000    | +44 207*****00
            13812345678      | 138****5678
            138-1234-5678    | 138****5678
            +123             | +1 **
            12345            | ***45
            ''               | ''
            abc              | ****
            """)
    void masksPhones(String phone, String masked) {
        assertThat(masker.phone(phone)).isEqualTo(masked);
        assertThat(masker.mask(PiiKind.PHONE, phone)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            zhang@qq.com          | z***@qq.com
            z@qq.com              | z***@qq.com
            张三@公司.中国          | 张***@公司.中国
            @qq.com               | ***@qq.com
            zhang                 | z***
            ''                    | ''
            """)
    void masksEmails(String email, String masked) {
        assertThat(masker.email(email)).isEqualTo(masked);
        assertThat(masker.mask(PiiKind.EMAIL, email)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            张三丰                 | 张**
            张三                   | 张*
            欧阳娜娜               | 欧***
            Ann Lee               | A******
            Alexandria Ocasio     | A******
            ' 李四 '               | 李*
            𠀀三                  | 𠀀*
            张                    | *
            ''                    | ''
            """)
    void masksNames(String name, String masked) {
        assertThat(masker.name(name)).isEqualTo(masked);
        assertThat(masker.mask(PiiKind.NAME, name)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            浙江省杭州市西湖区文三路90号       | 浙江省杭州市****
            北京市朝阳区建国路                 | 北京市朝阳区****
            1600 Amphitheatre Parkway      | 1600 A****
            上海市浦东新                     | 上海市****
            北京                            | 北****
            ''                             | ''
            """)
    void masksAddresses(String address, String masked) {
        assertThat(masker.address(address)).isEqualTo(masked);
        assertThat(masker.mask(PiiKind.ADDRESS, address)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            6f1c2e8a9b4d7e3f                                                 | ••••7e3f
            shpss_0123456789abcdef0123456789abcdef                           | ••••cdef
            abcdefghijk                                                      | ••••
            abcdefghijkl                                                     | ••••ijkl
            密钥密钥密钥密钥密钥密钥𠀀                                          | ••••钥密钥𠀀
            ''                                                               | ••••
            """)
    void masksSecretsToAHintOfTheirLastFourCharacters(String secret, String masked) {
        assertThat(masker.secret(secret)).isEqualTo(masked);
        assertThat(masker.mask(PiiKind.SECRET, secret)).isEqualTo(masked);
    }

    @Test
    void isNullSafe() {
        assertThat(masker.phone(null)).isNull();
        assertThat(masker.email(null)).isNull();
        assertThat(masker.name(null)).isNull();
        assertThat(masker.address(null)).isNull();
        assertThat(masker.secret(null)).isNull();
        for (PiiKind kind : PiiKind.values()) {
            assertThat(masker.mask(kind, null)).isNull();
        }
    }
}
