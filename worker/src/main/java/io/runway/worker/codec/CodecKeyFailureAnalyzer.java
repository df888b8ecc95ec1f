package io.runway.worker.codec;

import io.runway.worker.codec.CodecKeys.InvalidCodecKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused for its payload keys ends with what to set, not with a page of bean-creation stack trace. */
class CodecKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCodecKeyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCodecKeyException cause) {
    return new FailureAnalysis(
        "Temporal payload encryption cannot start: " + cause.getMessage(),
        "Configure the payload keys (docs/security.md, Encrypted payloads): RUNWAY_CODEC_KEYS=<id>:<base64 of 32 bytes>[,...] "
            + "with RUNWAY_CODEC_CURRENT_KEY_ID, or RUNWAY_CODEC_KEYSTORE and RUNWAY_CODEC_KEYSTORE_PASSWORD.",
        cause);
  }
}
