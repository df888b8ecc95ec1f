package io.runway.activities.policy;

import io.runway.lifecycle.activity.PolicyActivities;
import io.runway.lifecycle.policy.LifecyclePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Serves the lifecycle policy from {@code runway.policy.location} (default: the one shipped in
 * ui-config). It is read at start-up so a broken policy stops the app before any workflow sees it,
 * and re-read on every call: an edited file takes effect for the next launch without a restart,
 * while an unchanged one costs a small read and a byte comparison.
 */
@Component
public class YamlPolicyActivities implements PolicyActivities {

  public static final String DEFAULT_LOCATION = "classpath:policy/lifecycle-policy.yaml";
  private static final Logger log = LoggerFactory.getLogger(YamlPolicyActivities.class);

  private final Resource location;
  private final AtomicReference<Loaded> loaded = new AtomicReference<>();

  public YamlPolicyActivities(@Value("${runway.policy.location:" + DEFAULT_LOCATION + "}") Resource location) {
    this.location = location;
    LifecyclePolicy policy = currentPolicy();
    log.info("lifecycle policy {} loaded from {}", policy.version(), describe());
  }

  @Override
  public LifecyclePolicy currentPolicy() {
    byte[] content = read();
    Loaded cached = loaded.get();
    if (cached != null && Arrays.equals(cached.content, content)) {
      return cached.policy;
    }
    LifecyclePolicy policy = PolicyReader.read(describe(), content);
    loaded.set(new Loaded(content, policy));
    if (cached != null) {
      log.info("lifecycle policy changed from {} to {} ({})", cached.policy.version(), policy.version(), describe());
    }
    return policy;
  }

  private byte[] read() {
    if (!location.exists()) {
      throw new InvalidPolicyException(describe(), List.of("no such file; set runway.policy.location to a policy YAML"));
    }
    try (InputStream in = location.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lifecycle policy " + describe(), e);
    }
  }

  private String describe() {
    return location.getDescription();
  }

  private record Loaded(byte[] content, LifecyclePolicy policy) {}
}
