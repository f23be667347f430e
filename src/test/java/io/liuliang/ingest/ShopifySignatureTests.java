package io.liuliang.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopifySignatureTests {

    /** RFC 4231, test case 2: HMAC-SHA256 with key "Jefe". */
    private static final String KEY = "Jefe";
    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final String HEX = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final String BASE64 = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";

    @Test
    void isTheBase64OfHmacSha256OverTheRawBody() {
        assertThat(HexFormat.of().parseHex(HEX)).isEqualTo(java.util.Base64.getDecoder().decode(BASE64));
        assertThat(ShopifySignature.sign(KEY, DATA)).isEqualTo(BASE64);
        assertThat(ShopifySignature.verify(KEY, DATA, BASE64)).isTrue();
        assertThat(ShopifySignature.verify(KEY, DATA, " " + BASE64 + " ")).isTrue();
        assertThat(ShopifySignature.verify("hush", "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                "VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY=")).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(ShopifySignature.verify("Jeff", DATA, BASE64)).as("another secret").isFalse();
        assertThat(ShopifySignature.verify(KEY, "what do ya want for nothing? ".getBytes(StandardCharsets.US_ASCII), BASE64))
                .as("the body with one more space").isFalse();
        assertThat(ShopifySignature.verify(KEY, DATA, null)).as("no header").isFalse();
        assertThat(ShopifySignature.verify(KEY, DATA, "")).as("an empty header").isFalse();
        assertThat(ShopifySignature.verify(KEY, DATA, "not base64!")).as("not base64").isFalse();
        assertThat(ShopifySignature.verify(KEY, DATA, HEX)).as("hex instead of base64").isFalse();
        assertThat(ShopifySignature.verify(KEY, DATA, BASE64.substring(0, 20))).as("truncated").isFalse();
        assertThat(ShopifySignature.verify(null, DATA, BASE64)).as("no secret").isFalse();
        assertThat(ShopifySignature.verify("", DATA, BASE64)).as("an empty secret").isFalse();
    }
}
