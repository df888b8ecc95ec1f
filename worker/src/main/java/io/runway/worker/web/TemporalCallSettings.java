package io.runway.worker.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;

/**
 * {@code runway.api.temporal-timeout}: the longest an API request or console action waits for the
 * workflow service before it answers 503 (default 10 s; an update, query or start normally takes
 * milliseconds). Applied to {@link TemporalCalls}, which every call to a workflow goes through.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemporalCallSettings.Api.class)
class TemporalCallSettings {

  TemporalCallSettings(Api api) {
    if (api.temporalTimeout().isNegative() || api.temporalTimeout().isZero()) {
      throw new IllegalArgumentException("runway.api.temporal-timeout must be positive, was " + api.temporalTimeout());
    }
    TemporalCalls.timeout(api.temporalTimeout());
  }

  @ConfigurationProperties("runway.api")
  record Api(@DefaultValue("10s") Duration temporalTimeout) {}
}
