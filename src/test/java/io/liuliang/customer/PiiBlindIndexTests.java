package io.liuliang.customer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiiBlindIndexTests {

    private final PiiKeys keys = PiiKeys.fromMasterKey(PiiKeysTests.key(1));
    private final BlindIndex index = new BlindIndex(keys);

    @Test
    void isHmacSha256OfKindColonValueWithTheIndexKey() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(keys.blindIndexKey());
        byte[] expected = mac.doFinal("PHONE:+8613812345678".getBytes(StandardCharsets.UTF_8));

        assertThat(index.of(PiiKind.PHONE, "+8613812345678")).hasSize(32).isEqualTo(expected);
        mac.init(keys.blindIndexKey());
        assertThat(index.of("identity:platform_buyer_id", "tb_张三"))
                .isEqualTo(mac.doFinal("identity:platform_buyer_id:tb_张三".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isDeterministicAcrossInstancesWithTheSameKey() {
        BlindIndex again = new BlindIndex(PiiKeys.fromMasterKey(PiiKeysTests.key(1)));
        assertThat(index.of(PiiKind.EMAIL, "zhang@qq.com")).isEqualTo(index.of(PiiKind.EMAIL, "zhang@qq.com"))
                .isEqualTo(again.of(PiiKind.EMAIL, "zhang@qq.com"));
        assertThat(index.of(PiiKind.EMAIL, "zhang@qq.com")).isNotEqualTo(index.of(PiiKind.EMAIL, "zhang@163.com"));
    }

    @Test
    void separatesKindsNamespacesAndKeys() {
        String value = "13812345678";
        List<String> all = new ArrayList<>();
        for (PiiKind kind : PiiKind.values()) {
            all.add(HexFormat.of().formatHex(index.of(kind, value)));
        }
        all.add(HexFormat.of().formatHex(index.of("identity:platform_buyer_id", value)));
        all.add(HexFormat.of().formatHex(index.of("identity:wechat_unionid", value)));
        all.add(HexFormat.of().formatHex(new BlindIndex(PiiKeys.fromMasterKey(PiiKeysTests.key(2))).of(PiiKind.PHONE, value)));
        assertThat(all).doesNotHaveDuplicates();
        assertThat(index.of("PHONE", value)).isEqualTo(index.of(PiiKind.PHONE, value));
    }

    @Test
    void nullInNullOutAndANamespaceIsRequired() {
        assertThat(index.of(PiiKind.PHONE, null)).isNull();
        assertThat(index.of("identity:device_id", null)).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> index.of(" ", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> index.of((String) null, "x"));
    }

    @Test
    void givesTheSameAnswerOnEveryThread() throws Exception {
        byte[] expected = index.of(PiiKind.PHONE, "+8613812345678");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        index.of(PiiKind.EMAIL, "u" + i + "@qq.com");
                        if (!java.util.Arrays.equals(expected, index.of(PiiKind.PHONE, "+8613812345678"))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
