package io.liuliang.customer;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class PiiKeysTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        byte[] prk = PiiKeys.hkdfExtract(salt, ikm);
        assertThat(HEX.formatHex(prk))
                .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(PiiKeys.hkdfExpand(prk, info, 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void derivesTwoIndependentDeterministicSubKeys() {
        PiiKeys a = PiiKeys.fromMasterKey(key(1));
        PiiKeys b = PiiKeys.fromMasterKey(key(1));
        PiiKeys other = PiiKeys.fromMasterKey(key(2));

        assertThat(a.encryptionKey().getEncoded()).hasSize(32).isEqualTo(b.encryptionKey().getEncoded());
        assertThat(a.blindIndexKey().getEncoded()).hasSize(32).isEqualTo(b.blindIndexKey().getEncoded());
        assertThat(a.encryptionKey().getEncoded()).isNotEqualTo(a.blindIndexKey().getEncoded())
                .isNotEqualTo(key(1));
        assertThat(a.encryptionKey().getEncoded()).isNotEqualTo(other.encryptionKey().getEncoded());
        assertThat(a.encryptionKey().getAlgorithm()).isEqualTo("AES");
        assertThat(a.blindIndexKey().getAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(a).hasToString("PiiKeys[****]");
    }

    @Test
    void subKeysAreHkdfOfTheMasterKeyWithTheDocumentedSaltAndInfo() {
        byte[] prk = PiiKeys.hkdfExtract("liuliang-v1".getBytes(StandardCharsets.US_ASCII), key(7));
        PiiKeys keys = PiiKeys.fromMasterKey(key(7));
        assertThat(keys.encryptionKey().getEncoded())
                .isEqualTo(PiiKeys.hkdfExpand(prk, "pii-encryption".getBytes(StandardCharsets.US_ASCII), 32));
        assertThat(keys.blindIndexKey().getEncoded())
                .isEqualTo(PiiKeys.hkdfExpand(prk, "pii-blind-index".getBytes(StandardCharsets.US_ASCII), 32));
    }

    @Test
    void fromMasterKeyCopiesAndChecksTheLength() {
        byte[] raw = key(3);
        PiiKeys keys = PiiKeys.fromMasterKey(raw);
        assertThat(raw).isEqualTo(key(3));
        assertThat(keys.encryptionKey().getEncoded()).isEqualTo(PiiKeys.fromMasterKey(key(3)).encryptionKey().getEncoded());
        assertThatIllegalArgumentException().isThrownBy(() -> PiiKeys.fromMasterKey(new byte[16]))
                .withMessageContaining("32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> PiiKeys.fromMasterKey(null));
    }

    @Test
    void theConfiguredKeyWinsAndNoFileIsWritten(@TempDir Path dataDir) {
        String configured = Base64.getEncoder().encodeToString(key(5));
        PiiKeys keys = new PiiKeys(configured, dataDir);

        assertThat(keys.encryptionKey().getEncoded()).isEqualTo(PiiKeys.fromMasterKey(key(5)).encryptionKey().getEncoded());
        assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
        assertThat(new PiiKeys("  " + configured + "\n", dataDir).encryptionKey().getEncoded())
                .isEqualTo(keys.encryptionKey().getEncoded());
    }

    @Test
    void generatesAPrivateKeyFileOnceAndReusesIt(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        PiiKeys first = new PiiKeys("", dataDir);
        Path file = dataDir.resolve("keys/master.key");

        assertThat(file).exists();
        byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
        assertThat(stored).hasSize(32);
        assertThat(first.encryptionKey().getEncoded()).isEqualTo(PiiKeys.fromMasterKey(stored).encryptionKey().getEncoded());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        assertThat(output).contains("WARN").contains("new master key").contains(file.toString())
                .contains("Back it up").contains("unreadable");
        int warnings = count(output.getAll(), "new master key");

        PiiKeys second = new PiiKeys(null, dataDir);
        assertThat(second.encryptionKey().getEncoded()).isEqualTo(first.encryptionKey().getEncoded());
        assertThat(second.blindIndexKey().getEncoded()).isEqualTo(first.blindIndexKey().getEncoded());
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(stored);
        assertThat(count(output.getAll(), "new master key")).isEqualTo(warnings);
    }

    @Test
    void twoDataDirectoriesGetDifferentKeys(@TempDir Path a, @TempDir Path b) {
        assertThat(new PiiKeys("", a).encryptionKey().getEncoded())
                .isNotEqualTo(new PiiKeys("", b).encryptionKey().getEncoded());
    }

    @Test
    void aMalformedConfiguredKeyFailsNamingTheVariable(@TempDir Path dataDir) {
        assertThatIllegalStateException().isThrownBy(() -> new PiiKeys("not base64!!", dataDir))
                .withMessageContaining("LIULIANG_MASTER_KEY").withMessageContaining("base64");
        assertThatIllegalStateException()
                .isThrownBy(() -> new PiiKeys(Base64.getEncoder().encodeToString(new byte[16]), dataDir))
                .withMessageContaining("LIULIANG_MASTER_KEY").withMessageContaining("16 bytes")
                .withMessageContaining("exactly 32 bytes");
        assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
    }

    @Test
    void aMalformedKeyFileFailsNamingTheFile(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("keys/master.key");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[31]));

        assertThatIllegalStateException().isThrownBy(() -> new PiiKeys("", dataDir))
                .withMessageContaining(file.toString()).withMessageContaining("31 bytes");

        Files.writeString(file, "%%% not a key %%%");
        assertThatIllegalStateException().isThrownBy(() -> new PiiKeys("", dataDir))
                .withMessageContaining(file.toString()).withMessageContaining("base64")
                .withMessageNotContaining("not a key");
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
