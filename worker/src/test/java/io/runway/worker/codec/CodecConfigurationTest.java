package io.runway.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Where keys come from, and the start-up refusals that tell an operator what to set. */
class CodecConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(CodecConfiguration.class);

  @TempDir Path dir;

  @Test
  void withoutAKeyAndWithoutEphemeralKeysTheApplicationRefusesToStartSayingWhatToSet() {
    context.run(started -> {
      assertThat(started).hasFailed();
      assertThat(rootCause(started.getStartupFailure()))
          .isInstanceOf(CodecKeys.InvalidCodecKeyException.class)
          .hasMessageContaining("No payload encryption key is configured")
          .hasMessageContaining("RUNWAY_CODEC_KEYS=");
      FailureAnalysis analysis = new CodecKeyFailureAnalyzer().analyze(started.getStartupFailure());
      assertThat(analysis.getDescription()).contains("No payload encryption key is configured");
      assertThat(analysis.getAction()).contains("RUNWAY_CODEC_KEYS", "RUNWAY_CODEC_KEYSTORE");
    });
  }

  @Test
  void theFailureAnalyzerIsRegisteredSoBootPrintsItsAdvice() {
    // Boot's own analyzers need constructor arguments Boot passes at start-up: skip those here
    SpringFactoriesLoader.FailureHandler skipOthers = (type, name, failure) -> { };
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null, skipOthers))
        .anyMatch(CodecKeyFailureAnalyzer.class::isInstance);
  }

  @Test
  void theEmbeddedDefaultGeneratesAnEphemeralKey() {
    context.withPropertyValues("runway.codec.ephemeral-key=true").run(started -> {
      assertThat(started).hasNotFailed();
      assertThat(started.getBean(AesGcmPayloadCodec.class).keys().currentId()).startsWith("ephemeral-");
      assertThat(started.getBean("mainDataConverter", DataConverter.class)).isInstanceOf(CodecDataConverter.class);
    });
  }

  @Test
  void keysFromTheEnvironmentListWriteWithTheCurrentOne() {
    context.withPropertyValues("runway.codec.keys=old-1:" + base64Key() + ",new-2:" + base64Key(), "runway.codec.current-key-id=new-2")
        .run(started -> {
          CodecKeys keys = started.getBean(AesGcmPayloadCodec.class).keys();
          assertThat(keys.ids()).containsExactly("old-1", "new-2");
          assertThat(keys.currentId()).isEqualTo("new-2");
        });
  }

  @Test
  void oneKeyIsTheCurrentOneWithoutSayingSo() {
    context.withPropertyValues("runway.codec.keys=only:" + base64Key())
        .run(started -> assertThat(started.getBean(AesGcmPayloadCodec.class).keys().currentId()).isEqualTo("only"));
  }

  @Test
  void severalKeysWithoutACurrentOneAreRefused() {
    context.withPropertyValues("runway.codec.keys=a:" + base64Key() + ",b:" + base64Key())
        .run(started -> assertThat(rootCause(started.getStartupFailure())).hasMessageContaining("RUNWAY_CODEC_CURRENT_KEY_ID"));
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedWithHowToMakeOne() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    context.withPropertyValues("runway.codec.keys=k1:" + shortKey)
        .run(started -> assertThat(rootCause(started.getStartupFailure()))
            .hasMessageContaining("Key 'k1' is 16 bytes")
            .hasMessageContaining("openssl rand -base64 32"));
  }

  @Test
  void keysComeFromAPkcs12KeystoreByAlias() throws Exception {
    Path file = keystore("PKCS12", "store-secret", "ks-1", "ks-2");

    context.withPropertyValues(
            "runway.codec.keystore.path=" + file, "runway.codec.keystore.password=store-secret",
            "runway.codec.current-key-id=ks-2")
        .run(started -> {
          AesGcmPayloadCodec codec = started.getBean(AesGcmPayloadCodec.class);
          assertThat(codec.keys().ids()).containsExactlyInAnyOrder("ks-1", "ks-2");
          Payload payload = Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build();
          assertThat(codec.decode(codec.encode(List.of(payload)))).containsExactly(payload);
        });
  }

  @Test
  void keysComeFromAJceksKeystoreToo() throws Exception {
    Path file = keystore("JCEKS", "store-secret", "jc-1");

    context.withPropertyValues(
            "runway.codec.keystore.path=" + file, "runway.codec.keystore.password=store-secret",
            "runway.codec.keystore.type=JCEKS")
        .run(started -> assertThat(started.getBean(AesGcmPayloadCodec.class).keys().currentId()).isEqualTo("jc-1"));
  }

  @Test
  void aKeystoreWithTheWrongPasswordIsRefusedNamingTheSettings() throws Exception {
    Path file = keystore("PKCS12", "store-secret", "ks-1");

    context.withPropertyValues("runway.codec.keystore.path=" + file, "runway.codec.keystore.password=wrong")
        .run(started -> assertThat(rootCause(started.getStartupFailure()))
            .hasMessageContaining("cannot be read")
            .hasMessageContaining("RUNWAY_CODEC_KEYSTORE_PASSWORD"));
  }

  private Path keystore(String type, String password, String... aliases) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    for (String alias : aliases) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")),
          new KeyStore.PasswordProtection(password.toCharArray()));
    }
    Path file = dir.resolve("codec." + type.toLowerCase());
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static String base64Key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The refusal among the causes of a failed start (Spring wraps it in bean creation exceptions). */
  private static Throwable rootCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CodecKeys.InvalidCodecKeyException) {
        return t;
      }
    }
    throw new AssertionError("no InvalidCodecKeyException among the causes of " + failure);
  }
}
