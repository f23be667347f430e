package io.liuliang.customer;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The vault's beans wire up from {@code liuliang.*} properties alone (no database, no application start). */
class PiiVaultWiringTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(PiiKeys.class).withBean(PiiCipher.class).withBean(BlindIndex.class)
            .withBean(PiiNormalizer.class).withBean(PiiMasker.class);

    @Test
    void wiresFromTheDataDirectoryAndTheBlocklist(@TempDir Path dataDir) {
        runner.withPropertyValues("liuliang.data-dir=" + dataDir, "liuliang.identity.blocklist=13912345678, Shop@QQ.com")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(dataDir.resolve("keys/master.key")).exists();
                    PiiCipher cipher = context.getBean(PiiCipher.class);
                    assertThat(cipher.decrypt(PiiKind.PHONE, cipher.encrypt(PiiKind.PHONE, "+8613812345678")))
                            .isEqualTo("+8613812345678");
                    PiiNormalizer normalizer = context.getBean(PiiNormalizer.class);
                    assertThat(normalizer.phone("13912345678", "CN")).isEmpty();
                    assertThat(normalizer.email("shop@qq.com")).isEmpty();
                    assertThat(normalizer.phone("13812345678", "CN")).contains("+8613812345678");
                    assertThat(context.getBean(BlindIndex.class).of(PiiKind.PHONE, "+8613812345678")).hasSize(32);
                });
    }

    @Test
    void aConfiguredMasterKeyIsUsedAndAMalformedOneStopsStartUp(@TempDir Path dataDir) {
        String key = Base64.getEncoder().encodeToString(PiiKeysTests.key(9));
        runner.withPropertyValues("liuliang.data-dir=" + dataDir, "liuliang.master-key=" + key).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PiiKeys.class).blindIndexKey().getEncoded())
                    .isEqualTo(PiiKeys.fromMasterKey(PiiKeysTests.key(9)).blindIndexKey().getEncoded());
            assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
        });
        runner.withPropertyValues("liuliang.data-dir=" + dataDir, "liuliang.master-key=tooshort").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("LIULIANG_MASTER_KEY"));
    }
}
