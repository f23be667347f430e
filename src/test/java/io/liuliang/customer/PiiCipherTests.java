package io.liuliang.customer;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiCipherTests {

    private final PiiCipher cipher = new PiiCipher(PiiKeys.fromMasterKey(PiiKeysTests.key(1)));

    @ParameterizedTest
    @ValueSource(strings = {"张三丰", "浙江省杭州市西湖区文三路 90 号 东部软件园 3 号楼 501 室", "+8613812345678",
            "zhang.san@qq.com", "", " ", "𠀀𪚥 emoji 🧧 and ümlauts"})
    void roundTrips(String value) {
        for (PiiKind kind : PiiKind.values()) {
            byte[] stored = cipher.encrypt(kind, value);
            assertThat(cipher.decrypt(kind, stored)).isEqualTo(value);
        }
    }

    @Test
    void storedFormIsVersionNonceCiphertextAndTag() {
        String value = "张三";
        byte[] stored = cipher.encrypt(PiiKind.NAME, value);

        assertThat(stored[0]).isEqualTo((byte) 1);
        assertThat(stored).hasSize(1 + 12 + value.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(cipher.encrypt(PiiKind.NAME, "")).hasSize(29);
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(value);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        byte[] a = cipher.encrypt(PiiKind.PHONE, "+8613812345678");
        byte[] b = cipher.encrypt(PiiKind.PHONE, "+8613812345678");
        assertThat(a).isNotEqualTo(b);

        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] stored = cipher.encrypt(PiiKind.PHONE, "+8613812345678");
            nonces.add(java.util.HexFormat.of().formatHex(stored, 1, 13));
        }
        assertThat(nonces).hasSize(1000);
    }

    @Test
    void nullInNullOut() {
        assertThat(cipher.encrypt(PiiKind.EMAIL, null)).isNull();
        assertThat(cipher.decrypt(PiiKind.EMAIL, null)).isNull();
    }

    @Test
    void detectsTamperingAnywhere() {
        byte[] stored = cipher.encrypt(PiiKind.PHONE, "+8613812345678");
        for (int i = 1; i < stored.length; i++) {
            byte[] tampered = stored.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(PiiKind.PHONE, tampered))
                    .isInstanceOf(PiiDecryptionException.class)
                    .hasMessageContaining("integrity check")
                    .hasMessageNotContaining("+86");
        }
    }

    @Test
    void rejectsAnotherKind() {
        byte[] phone = cipher.encrypt(PiiKind.PHONE, "+8613812345678");
        assertThatThrownBy(() -> cipher.decrypt(PiiKind.EMAIL, phone))
                .isInstanceOf(PiiDecryptionException.class)
                .hasMessageContaining("EMAIL").hasMessageContaining("not a EMAIL value");
    }

    @Test
    void rejectsAnotherMasterKey() {
        PiiCipher other = new PiiCipher(PiiKeys.fromMasterKey(PiiKeysTests.key(2)));
        byte[] stored = cipher.encrypt(PiiKind.NAME, "李四");
        assertThatThrownBy(() -> other.decrypt(PiiKind.NAME, stored))
                .isInstanceOf(PiiDecryptionException.class).hasMessageContaining("another master key");
    }

    @Test
    void rejectsTruncatedAndUnknownVersions() {
        byte[] stored = cipher.encrypt(PiiKind.NAME, "李四");
        assertThatThrownBy(() -> cipher.decrypt(PiiKind.NAME, java.util.Arrays.copyOf(stored, 20)))
                .isInstanceOf(PiiDecryptionException.class).hasMessageContaining("shorter");
        assertThatThrownBy(() -> cipher.decrypt(PiiKind.NAME, java.util.Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(PiiDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt(PiiKind.NAME, new byte[0]))
                .isInstanceOf(PiiDecryptionException.class);
        byte[] v2 = stored.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> cipher.decrypt(PiiKind.NAME, v2))
                .isInstanceOf(PiiDecryptionException.class).hasMessageContaining("version 2");
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String value = "顾客" + thread + "-" + i;
                        if (!value.equals(cipher.decrypt(PiiKind.NAME, cipher.encrypt(PiiKind.NAME, value)))) {
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

    @ParameterizedTest
    @EnumSource(PiiKind.class)
    void aKindIsRequired(PiiKind kind) {
        byte[] stored = cipher.encrypt(kind, "x");
        assertThatThrownBy(() -> cipher.encrypt(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cipher.decrypt(null, stored)).isInstanceOf(NullPointerException.class);
    }
}
