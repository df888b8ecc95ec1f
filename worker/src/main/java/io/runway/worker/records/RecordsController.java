package io.runway.worker.records;

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

  @GetMapping("/tickets")
  PageResult<Ticket> tickets(@RequestParam(required = false) String initiativeKey,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return records.tickets(initiativeKey, Paging.of(page, size));
  }

  @GetMapping("/tickets/{id}")
  Ticket ticket(@PathVariable String id, Authentication user) {
    return lookup.ticket(id, Actors.of(user));
  }

  /** The local board's "resolved" webhook: the workflow hears it as a ticket event. */
  @PostMapping("/tickets/{id}/resolve")
  ResponseEntity<Accepted> resolve(@PathVariable String id, Authentication user) {
    String initiativeKey = resolution.resolve(id, Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(id, initiativeKey, "RESOLVED"));
  }

  @GetMapping("/crm/records/{externalId}")
  CrmRecord crmRecord(@PathVariable String externalId, Authentication user) {
    return lookup.crmRecord(externalId, Actors.of(user));
  }

  /** The local registry's equivalent of a pipeline logging a model version's run metrics to MLflow. */
  @PutMapping("/models/{name}/versions/{version}")
  Model registerVersion(@PathVariable String name, @PathVariable String version, @RequestBody ModelVersionBody body,
      Authentication user) {
    registration.register(name, version, body.metrics(), Actors.of(user));
    return records.model(name).orElseThrow();
  }

  record ModelVersionBody(Map<String, Double> metrics) {}

  @GetMapping("/models/{name}")
  Model model(@PathVariable String name, Authentication user) {
    return lookup.model(name, Actors.of(user));
  }

  @GetMapping("/notifications")
  PageResult<Notification> notifications(@RequestParam(required = false) String initiativeKey,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return records.notifications(initiativeKey, Paging.of(page, size));
  }
}
