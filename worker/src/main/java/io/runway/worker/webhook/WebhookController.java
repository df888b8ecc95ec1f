package io.runway.worker.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound events from systems of record, authenticated by signature instead of a user (the
 * security configuration lets them through), and the delivery log for admins and auditors.
 */
@Tag(name = "Webhooks")
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

  private final WebhookIntake intake;
  private final DeliveryLog deliveries;

  WebhookController(WebhookIntake intake, DeliveryLog deliveries) {
    this.intake = intake;
    this.deliveries = deliveries;
  }

  @Operation(summary = "Receive a signed webhook",
      description = "An event from Jira, ServiceNow, MLflow or Alertmanager (monitoring). Not a user call: the sender signs the exact body with the source's shared secret (HMAC-SHA256) in the source's signature header (docs/integrations.md). The same delivery again is recognised and answers 200.")
  @ApiResponse(responseCode = "202", description = "Accepted: the event goes to the initiatives it concerns.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200", description = "A delivery seen before: nothing is done again.", useReturnTypeSchema = true)
  /** The body is taken as bytes: the signature covers exactly what was sent, not a re-serialisation. */
  // not /deliveries, the delivery log's address: POST there is 405 (Allow: GET), as at any address that does not take it
  @PostMapping("/{source:(?!deliveries$).+}")
  ResponseEntity<DeliveryAnswer> receive(
      @Parameter(description = "The sending system.", schema = @Schema(allowableValues = {"jira", "servicenow", "mlflow", "monitoring"}))
      @PathVariable String source, @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers)
 {
    DeliveryAnswer answer = intake.receive(WebhookSource.fromPath(source), body == null ? new byte[0] : body, headers::getFirst);
    return answer.duplicate() ? ResponseEntity.ok(answer) : ResponseEntity.accepted().body(answer);
  }

  @Operation(summary = "List webhook deliveries",
      description = "A page of the webhooks received, newest first, with the verdict on each (accepted, duplicate, refused and why).")
  @GetMapping("/deliveries")
  PageResult<DeliveryView> deliveries(
      @RequestParam(required = false) Verdict verdict,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      Authentication user) {
    AccessMatrix.WEBHOOK_DELIVERIES.require(Actors.of(user));
    WebhookSource from = source == null || source.isBlank() ? null : WebhookSource.find(source)
        .orElseThrow(() -> ApiProblem.invalid("source", "must be one of " + WebhookSource.ids()));
    return deliveries.list(verdict, from, Paging.of(page, size));
  }
}
