package io.runway.activities.mlops.mlflow;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where MLflow is and how to authenticate. The token is optional (an MLflow without auth takes none)
 * and, when set, goes out as a Bearer token; it comes from the environment and is never printed.
 *
 * @param trackingUri the tracking server's base URL, the one the MLflow client's MLFLOW_TRACKING_URI names
 * @param token a Bearer token (Databricks personal access token, or a proxy's), or none
 * @param timeout the total deadline of each call: connect, response headers and the whole body
 */
@ConfigurationProperties("runway.mlflow")
public record MlflowProperties(URI trackingUri, String token, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public MlflowProperties {
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  /** Fails start-up with the setting to fix, rather than the first promotion at go-live. */
  MlflowProperties requireComplete() {
    if (trackingUri == null || trackingUri.toString().isBlank()) {
      throw new IllegalStateException(
          "runway.mlops.provider=mlflow needs runway.mlflow.tracking-uri (env RUNWAY_MLFLOW_TRACKING_URI), for example http://mlflow:5000");
    }
    if (!"http".equals(trackingUri.getScheme()) && !"https".equals(trackingUri.getScheme())) {
      throw new IllegalStateException("runway.mlflow.tracking-uri must be an http(s) URL, not " + trackingUri.getScheme());
    }
    return this;
  }

  String authorization() {
    return token == null || token.isBlank() ? null : "Bearer " + token;
  }

  @Override
  public String toString() {
    return "MlflowProperties[trackingUri=" + trackingUri + ", token=" + (token == null || token.isBlank() ? "none" : "****")
        + ", timeout=" + timeout + "]";
  }
}
