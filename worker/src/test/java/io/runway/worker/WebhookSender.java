package io.runway.worker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds and signs deliveries the way each sender does; its own HMAC code, so the app's is checked, not echoed. */
final class WebhookSender {

  static final String JIRA_SECRET = "test-jira-secret";
  static final String MLFLOW_SECRET = "test-mlflow-secret";
  static final String MONITORING_SECRET = "test-monitoring-secret";

  private WebhookSender() {}

  static Map<String, String> jiraHeaders(String deliveryId, String body, String secret) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Atlassian-Webhook-Identifier", deliveryId);
    if (secret != null) {
      headers.put("X-Hub-Signature", sign(secret, body));
    }
    return headers;
  }

  static Map<String, String> runwayHeaders(String deliveryId, String body, String secret) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (deliveryId != null) {
      headers.put("X-Runway-Delivery", deliveryId);
    }
    headers.put("X-Runway-Signature", sign(secret, body));
    return headers;
  }

  static String deliveryId() {
    return UUID.randomUUID().toString();
  }

  /** Jira Cloud's issue_updated for an issue moved to a status of the done category. */
  static String jiraIssueDone(String issueKey) {
    return """
        {"timestamp": 1767225600000, "webhookEvent": "jira:issue_updated", "issue_event_type_name": "issue_generic",
         "user": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Eng Lead"},
         "issue": {"id": "10002", "key": "%s", "fields": {"summary": "Integration",
           "status": {"name": "Done", "id": "10001", "statusCategory": {"id": 3, "key": "done", "name": "Done"}}}},
         "changelog": {"id": "10100", "items": [{"field": "status", "fieldtype": "jira", "from": "10000",
           "fromString": "In Progress", "to": "10001", "toString": "Done"}]}}""".formatted(issueKey);
  }

  /** Alertmanager's webhook payload (version 4) with one firing alert labelled with the initiative. */
  static String alertmanagerFiring(String initiativeKey, String alertname, String fingerprint) {
    return """
        {"receiver": "runway", "status": "firing", "alerts": [{"status": "firing",
           "labels": {"alertname": "%2$s", "initiative": "%1$s", "severity": "warning"},
           "annotations": {"summary": "PSI 0.31 on transaction amount"},
           "startsAt": "2026-11-23T10:00:00.000Z", "endsAt": "0001-01-01T00:00:00Z",
           "generatorURL": "http://prometheus:9090/graph", "fingerprint": "%3$s"}],
         "groupLabels": {"alertname": "%2$s"}, "commonLabels": {"alertname": "%2$s", "initiative": "%1$s"},
         "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "version": "4",
         "groupKey": "{}:{alertname=\\"%2$s\\"}", "truncatedAlerts": 0}""".formatted(initiativeKey, alertname, fingerprint);
  }

  /** A registry webhook for a new model version (Databricks' shape). */
  static String modelVersionCreated(String modelName, String version) {
    return """
        {"event": "MODEL_VERSION_CREATED", "webhook_id": "c5596721253c4b429368cf6f4341b88a",
         "event_timestamp": 1767225600000, "model_name": "%s", "version": "%s",
         "to_stage": null, "from_stage": null, "text": null}""".formatted(modelName, version);
  }

  static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes(body)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
