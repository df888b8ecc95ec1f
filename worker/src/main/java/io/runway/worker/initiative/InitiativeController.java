package io.runway.worker.initiative;

import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.worker.initiative.CommandBodies.Accepted;
import io.runway.worker.initiative.CommandBodies.EventBody;
import io.runway.worker.initiative.CommandBodies.EvidenceBody;
import io.runway.worker.initiative.CommandBodies.ReasonBody;
import io.runway.worker.initiative.CommandBodies.ReclassifyBody;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.DayCounts;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/initiatives")
class InitiativeController {

  private final LaunchService launches;
  private final InitiativeReadModel readModel;
  private final InitiativeCommands commands;
  private final OwnerLinks ownerLinks;

  InitiativeController(LaunchService launches, InitiativeReadModel readModel, InitiativeCommands commands,
      OwnerLinks ownerLinks) {
    this.launches = launches;
    this.readModel = readModel;
    this.commands = commands;
    this.ownerLinks = ownerLinks;
  }

  @PostMapping
  ResponseEntity<LaunchResponse> launch(@Valid @RequestBody LaunchBody body, Authentication user) {
    LaunchResponse launched = launches.launch(body.toRequest(), Actors.of(user));
    return ResponseEntity.created(URI.create(launched.links().get("self"))).body(launched);
  }

  @GetMapping
  PageResult<InitiativeSummary> list(
      @RequestParam(required = false) Stage stage,
      @RequestParam(required = false) RiskTier riskTier,
      @RequestParam(required = false) String owner,
      @RequestParam(required = false) String businessUnit,
      @RequestParam(defaultValue = "false") boolean stalled,
      @RequestParam(defaultValue = "14") int stalledDays,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      Authentication user) {
    int days = DayCounts.of("stalledDays", stalledDays, 1);
    Set<String> ownedBy = mine ? Actors.of(user).identities() : null;
    return readModel.list(
        new InitiativeFilter(stage, riskTier, owner, businessUnit, stalled, days, ownedBy), Paging.of(page, size));
  }

  /** What the caller may read of it: other groups' task content is left out ({@link ReaderView}). */
  @GetMapping("/{key}")
  InitiativeDetail get(@PathVariable String key, Authentication user) {
    InitiativeDetail detail = readModel.find(key).map(d -> ReaderView.of(d, Actors.of(user)))
        .orElseThrow(() -> ApiProblem.notFound("No initiative with key '" + key + "'."));
    return detail.withOwnerLinks(ownerLinks.of(detail.view().request().owners()));
  }

  @PostMapping("/{key}/evidence")
  InitiativeView attachEvidence(@PathVariable String key, @Valid @RequestBody EvidenceBody body, Authentication user) {
    return commands.attachEvidence(key, body, Actors.of(user));
  }

  @PostMapping("/{key}/reclassify")
  InitiativeView reclassify(@PathVariable String key, @Valid @RequestBody ReclassifyBody body, Authentication user) {
    return commands.reclassify(key, body, Actors.of(user));
  }

  @PostMapping("/{key}/withdraw")
  ResponseEntity<Accepted> withdraw(@PathVariable String key, @Valid @RequestBody ReasonBody body, Authentication user) {
    commands.withdraw(key, body.reason(), Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(key, "withdraw", null));
  }

  @PostMapping("/{key}/retire")
  ResponseEntity<Accepted> retire(@PathVariable String key, @Valid @RequestBody ReasonBody body, Authentication user) {
    commands.retire(key, body.reason(), Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(key, "retire", null));
  }

  @PostMapping("/{key}/events")
  ResponseEntity<Accepted> productionEvent(
      @PathVariable String key, @Valid @RequestBody EventBody body, Authentication user) {
    String eventId = commands.productionEvent(key, body, Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(key, "productionEvent", eventId));
  }
}
