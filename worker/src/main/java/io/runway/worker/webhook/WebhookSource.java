package io.runway.worker.webhook;

import io.runway.worker.web.ApiProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The systems that may send events, with the headers each one signs and identifies deliveries by. */
enum WebhookSource {
  JIRA("X-Hub-Signature", "X-Atlassian-Webhook-Identifier"),
  SERVICENOW("X-Runway-Signature", "X-Runway-Delivery"),
  MLFLOW("X-Runway-Signature", "X-Runway-Delivery"),
  MONITORING("X-Runway-Signature", "X-Runway-Delivery");

  final String signatureHeader;
  final String deliveryHeader;

  WebhookSource(String signatureHeader, String deliveryHeader) {
    this.signatureHeader = signatureHeader;
    this.deliveryHeader = deliveryHeader;
  }

  /** The name used in the path, in the configuration keys and in the delivery log. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WebhookSource fromPath(String source) {
    return find(source).orElseThrow(() -> ApiProblem.notFound("No webhook source '" + source + "'; Runway accepts " + ids() + "."));
  }

  static Optional<WebhookSource> find(String source) {
    return Arrays.stream(values()).filter(s -> s.id().equals(source)).findFirst();
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(WebhookSource::id).toList();
  }
}
