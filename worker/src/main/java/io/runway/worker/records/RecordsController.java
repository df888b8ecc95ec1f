package io.runway.worker.records;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.runway.worker.records.RecordViews.Accepted;
import io.runway.worker.records.RecordViews.CrmRecord;
import io.runway.worker.records.RecordViews.Model;
import io.runway.worker.records.RecordViews.Notification;
import io.runway.worker.records.RecordViews.Ticket;
import io.runway.worker.security.Actors;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only views of the local systems of record, for every authenticated user, plus ticket resolution. */
@RestController
@RequestMapping("/api/v1")
class RecordsController {

  private final LocalRecords records;
  private final Records lookup;
  private final TicketResolution resolution;
  private final ModelRegistration registration;

  RecordsController(LocalRecords records, Records lookup, TicketResolution resolution, ModelRegistration registration) {
    this.records = records;
    this.lookup = lookup;
    this.resolution = resolution;
    this.registration = registration;
  }

  @Tag(name = "Tickets")
  @Operation(summary = "List local tickets",
      description = "A page of tickets on the local board, optionally of one initiative.")
  @GetMapping("/tickets")
  PageResult<Ticket> tickets(@RequestParam(required = false) String initiativeKey,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return records.tickets(initiativeKey, Paging.of(page, size));
  }

  @Tag(name = "Tickets")
  @Operation(summary = "Read a local ticket",
      description = "One ticket of the local board.")
  @GetMapping("/tickets/{id}")
  Ticket ticket(@PathVariable String id, Authentication user) {
    return lookup.ticket(id, Actors.of(user));
  }

  @Tag(name = "Tickets")
  @Operation(summary = "Resolve a local ticket",
      description = "Marks the ticket resolved; the initiative's workflow hears it as the ticket system's event.")
  @ApiResponse(responseCode = "202", description = "Accepted: the workflow hears the ticket event.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The ticket is already resolved or cancelled.")
  /** The local board's "resolved" webhook: the workflow hears it as a ticket event. */
  @PostMapping("/tickets/{id}/resolve")
  ResponseEntity<Accepted> resolve(@PathVariable String id, Authentication user) {
    String initiativeKey = resolution.resolve(id, Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(id, initiativeKey, "RESOLVED"));
  }

  @Tag(name = "CRM records")
  @Operation(summary = "Read a local CRM record",
      description = "The local CRM's record of an initiative: its stage and gate status as the sales or account team sees them.")
  @GetMapping("/crm/records/{externalId}")
  CrmRecord crmRecord(@PathVariable String externalId, Authentication user) {
    return lookup.crmRecord(externalId, Actors.of(user));
  }

  @Tag(name = "Models")
  @Operation(summary = "Register a model version",
      description = "Records a model version's run metrics in the local registry, as a pipeline logging to MLflow would; gates that read metrics read these.")
  /** The local registry's equivalent of a pipeline logging a model version's run metrics to MLflow. */
  @PutMapping("/models/{name}/versions/{version}")
  Model registerVersion(@PathVariable String name, @PathVariable String version, @RequestBody ModelVersionBody body,
      Authentication user) {
    registration.register(name, version, body.metrics(), Actors.of(user));
    return records.model(name).orElseThrow();
  }

  record ModelVersionBody(Map<String, Double> metrics) {}

  @Tag(name = "Models")
  @Operation(summary = "Read a local model",
      description = "A model of the local registry with its versions and their metrics.")
  @GetMapping("/models/{name}")
  Model model(@PathVariable String name, Authentication user) {
    return lookup.model(name, Actors.of(user));
  }

  @Tag(name = "Notifications")
  @Operation(summary = "List notifications",
      description = "A page of the notification outbox, optionally of one initiative.")
  @GetMapping("/notifications")
  PageResult<Notification> notifications(@RequestParam(required = false) String initiativeKey,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return records.notifications(initiativeKey, Paging.of(page, size));
  }
}
