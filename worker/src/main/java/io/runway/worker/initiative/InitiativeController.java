package io.runway.worker.initiative;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.worker.initiative.CommandBodies.Accepted;
import io.runway.worker.initiative.CommandBodies.EventBody;
import io.runway.worker.initiative.CommandBodies.EvidenceBody;
import io.runway.worker.initiative.CommandBodies.ReasonBody;
import io.runway.worker.initiative.CommandBodies.ReclassifyBody;
import io.runway.worker.observability.StuckInitiatives;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.DayCounts;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Initiatives")
@RestController
@RequestMapping("/api/v1/initiatives")
class InitiativeController {

  private final LaunchService launches;
  private final InitiativeReadModel readModel;
  private final InitiativeCommands commands;
  private final OwnerLinks ownerLinks;
  private final ObjectProvider<StuckInitiatives> stuck;

  InitiativeController(LaunchService launches, InitiativeReadModel readModel, InitiativeCommands commands,
      OwnerLinks ownerLinks, ObjectProvider<StuckInitiatives> stuck) {
    this.launches = launches;
    this.readModel = readModel;
    this.commands = commands;
    this.ownerLinks = ownerLinks;
    this.stuck = stuck;
  }

  @Operation(summary = "Launch an initiative",
      description = "Starts the initiative's lifecycle from its request: intake checks it, then the gates its risk tier requires open as review tasks. Idempotent by key: the same request again answers 201 with the same initiative; a different request under a key in use answers 409.")
  @ApiResponse(responseCode = "201", description = "Launched (or launched before with this same request); Location names it.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The key was already launched with a different request: choose another key, or resend the original.")
  @PostMapping
  ResponseEntity<LaunchResponse> launch(@Valid @RequestBody LaunchBody body, Authentication user) {
    LaunchResponse launched = launches.launch(body.toRequest(), Actors.of(user));
    return ResponseEntity.created(URI.create(launched.links().get("self"))).body(launched);
  }

  @Operation(summary = "List initiatives",
      description = "A page of initiatives, filtered by stage, risk tier, owner, business unit, stalled (no move for stalledDays days) or mine (those the caller owns).")
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

  @Operation(summary = "Read an initiative",
      description = "Its request, stage, gates, tasks, evidence and timeline; the content of other groups' tasks is left out. `stuck` (attempts, since) is present only while its workflow task keeps failing: it waits for a fix, see docs/faults.md.")
  /** What the caller may read of it: other groups' task content is left out ({@link ReaderView}). */
  @GetMapping("/{key}")
  InitiativeDetail get(@PathVariable String key, Authentication user) {
    InitiativeDetail detail = readModel.find(key).map(d -> ReaderView.of(d, Actors.of(user)))
        .orElseThrow(() -> ApiProblem.notFound("No initiative with key '" + key + "'."));
    StuckInitiatives scanner = stuck.getIfAvailable();
    return detail.withOwnerLinks(ownerLinks.of(detail.view().request().owners()))
        .withStuck(scanner == null ? null : scanner.find(key).orElse(null));
  }

  @Operation(summary = "Attach evidence",
      description = "Adds an http(s) link with its kind and title (and optionally its SHA-256) to a gate of the initiative; reviewers see it on their task.")
  @ApiResponse(responseCode = "200", description = "Attached: the initiative as it is now.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative has ended (or is not where this applies): the detail says why.")
  @PostMapping("/{key}/evidence")
  InitiativeView attachEvidence(@PathVariable String key, @Valid @RequestBody EvidenceBody body, Authentication user) {
    return commands.attachEvidence(key, body, Actors.of(user));
  }

  @Operation(summary = "Reclassify an initiative",
      description = "Changes the risk tier, with the reason kept on the record: gates the new tier needs open, gates it no longer needs are cancelled.")
  @ApiResponse(responseCode = "200", description = "Reclassified: the initiative as it is now.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative has ended (or is not where this applies): the detail says why.")
  @PostMapping("/{key}/reclassify")
  InitiativeView reclassify(@PathVariable String key, @Valid @RequestBody ReclassifyBody body, Authentication user) {
    return commands.reclassify(key, body, Actors.of(user));
  }

  @Operation(summary = "Withdraw an initiative",
      description = "Ends the initiative before production, with the reason kept on the record; its open tasks are cancelled.")
  @ApiResponse(responseCode = "202", description = "Accepted: the workflow withdraws it.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative has already ended.")
  @PostMapping("/{key}/withdraw")
  ResponseEntity<Accepted> withdraw(@PathVariable String key, @Valid @RequestBody ReasonBody body, Authentication user) {
    commands.withdraw(key, body.reason(), Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(key, "withdraw", null));
  }

  @Operation(summary = "Retire an initiative",
      description = "Ends an initiative that is in production, with the reason kept on the record.")
  @ApiResponse(responseCode = "202", description = "Accepted: the workflow retires it.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative is not in production.")
  @PostMapping("/{key}/retire")
  ResponseEntity<Accepted> retire(@PathVariable String key, @Valid @RequestBody ReasonBody body, Authentication user) {
    commands.retire(key, body.reason(), Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(key, "retire", null));
  }

  @Operation(summary = "Report a production event",
      description = "A drift alert, an incident or a new model version of an initiative in production; the same eventId again is recognised, so a retry is safe.")
  @ApiResponse(responseCode = "202", description = "Accepted: the workflow handles the event; eventId names it.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative is not in production.")
  @PostMapping("/{key}/events")
  ResponseEntity<Accepted> productionEvent(
      @PathVariable String key, @Valid @RequestBody EventBody body, Authentication user) {
    String eventId = commands.productionEvent(key, body, Actors.of(user));
    return ResponseEntity.accepted().body(new Accepted(key, "productionEvent", eventId));
  }
}
