package io.runway.worker.console;

import io.runway.worker.audit.AuditNotes;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.worker.audit.AuditQuery;
import io.runway.worker.audit.AuditTrail;
import io.runway.worker.initiative.InitiativeDetail;
import io.runway.worker.initiative.Initiatives;
import io.runway.worker.initiative.OwnerLink;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.Paging;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The initiative list and page, and the commands the viewer's groups allow on it. */
@Controller
@RequestMapping("/console/initiatives")
class InitiativePagesController {

  private static final int PAGE_SIZE = 25;

  private static final int AUDIT_ENTRIES = 50;

  private final Initiatives initiatives;
  private final InitiativeSearch search;
  private final GateForms forms;
  private final AuditTrail audit;
  private final io.runway.worker.value.Values values;
  private final Clock clock = Clock.systemUTC();

  InitiativePagesController(Initiatives initiatives, InitiativeSearch search, GateForms forms, AuditTrail audit,
      io.runway.worker.value.Values values) {
    this.values = values;
    this.initiatives = initiatives;
    this.search = search;
    this.forms = forms;
    this.audit = audit;
  }

  @GetMapping
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String stage,
      @RequestParam(required = false) String riskTier, @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "0") int page, Authentication user, Model model) {
    Paging paging = Paging.of(page, PAGE_SIZE, PAGE_SIZE, PAGE_SIZE);
    String text = Completion.trimmed(q);
    String stageName = Completion.trimmed(stage);
    String tier = Completion.trimmed(riskTier);
    model.addAttribute("q", text);
    model.addAttribute("stage", stageName);
    model.addAttribute("riskTier", tier);
    model.addAttribute("mine", mine);
    model.addAttribute("stages", Stage.values());
    model.addAttribute("riskTiers", RiskTier.values());
    // mine: initiatives one of whose owners names the viewer, by user name or e-mail
    Set<String> ownedBy = mine ? Actors.of(user).identities() : null;
    model.addAttribute("result", search.search(text, stageName, tier, ownedBy, paging));
    return "console/initiatives";
  }

  @GetMapping("/{key}")
  String page(@PathVariable String key, Authentication user, Model model) {
    Actor me = Actors.of(user);
    InitiativeDetail detail =
        initiatives.find(key, me).orElseThrow(() -> ApiProblem.notFound("No initiative with key '" + key + "'."));
    InitiativeView view = InitiativePage.complete(detail.view(), key);
    model.addAttribute("view", view);
    model.addAttribute("request", view.request());
    List<OwnerLink> owners = initiatives.ownerLinks(view.request().owners());
    model.addAttribute("ownerLinks", owners);
    model.addAttribute("unlinkedOwners", owners.stream().filter(o -> !o.linked()).map(OwnerLink::name).toList());
    model.addAttribute("gates", InitiativePage.gates(view, forms, clock.instant()));
    model.addAttribute("timeline", detail.timeline() == null ? List.of() : detail.timeline().reversed());
    model.addAttribute("vendorWait", InitiativePage.vendorWait(detail.timeline() == null ? List.of() : detail.timeline()).orElse(null));
    model.addAttribute("sample", Lifecycle.isSample(key));
    model.addAttribute("sampleHistory", Lifecycle.isSampleHistory(key));
    // a past sample has no workflow to take a command
    model.addAttribute("actions", Lifecycle.isSampleHistory(key) ? List.of()
        : initiatives.allowedActions(me, view.stage()).stream().map(Enum::name).toList());
    model.addAttribute("riskTiers", Arrays.stream(RiskTier.values()).filter(t -> t != view.riskTier()).toList());
    model.addAttribute("eventTypes", ProductionEventType.values());
    // data-readiness exceptions are shown on the initiative until they expire
    model.addAttribute("readinessExceptions", values.summary(key).map(s -> s.readinessExceptions().stream()
        .filter(e -> e.status() == io.runway.lifecycle.model.ReadinessException.Status.ACTIVE
            || e.status() == io.runway.lifecycle.model.ReadinessException.Status.REQUESTED).toList()).orElse(List.of()));
    // the hash-chained record of requests about this initiative: for those the matrix lets read it
    if (AccessMatrix.AUDIT_EXPORT.refusal(me).isEmpty()) {
      AuditQuery query = new AuditQuery(key, null, null);
      long total = audit.count(query);
      model.addAttribute("auditTotal", total);
      model.addAttribute("auditEntries",
          audit.find(query, Math.max(0, total - AUDIT_ENTRIES), AUDIT_ENTRIES).reversed());
    }
    return "console/initiative";
  }

  @PostMapping("/{key}/withdraw")
  String withdraw(@PathVariable String key, @RequestParam(required = false) String reason, Authentication user,
      RedirectAttributes flash) {
    return command(key, flash, "withdraw", "Withdrawal accepted: the workflow closes the open gates and ends the initiative.",
        () -> { initiatives.withdraw(key, Completion.trimmed(reason), Actors.of(user)); return null; });
  }

  @PostMapping("/{key}/retire")
  String retire(@PathVariable String key, @RequestParam(required = false) String reason, Authentication user,
      RedirectAttributes flash) {
    return command(key, flash, "retire", "Retirement accepted: the initiative leaves production.",
        () -> { initiatives.retire(key, Completion.trimmed(reason), Actors.of(user)); return null; });
  }

  @PostMapping("/{key}/reclassify")
  String reclassify(@PathVariable String key, @RequestParam(required = false) String riskTier,
      @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
    return command(key, flash, "reclassify", "Reclassified to " + riskTier + ".", () -> {
      RiskTier tier = parse(RiskTier.class, "riskTier", riskTier);
      initiatives.reclassify(key, tier, Completion.trimmed(reason), Actors.of(user));
      return null;
    });
  }

  @PostMapping("/{key}/events")
  String productionEvent(@PathVariable String key, @RequestParam(required = false) String type,
      @RequestParam(required = false) String detail, @RequestParam(required = false) String modelVersion,
      Authentication user, RedirectAttributes flash) {
    return command(key, flash, "event", "Production event recorded: the gates it puts in doubt re-open.", () -> {
      ProductionEventType eventType = parse(ProductionEventType.class, "type", type);
      initiatives.productionEvent(key, eventType, Completion.trimmed(detail), modelVersion, Actors.of(user));
      return null;
    });
  }

  private String command(String key, RedirectAttributes flash, String action, String notice, Supplier<Void> command) {
    try {
      command.get();
      flash.addFlashAttribute("notice", notice);
    } catch (ApiProblem refused) {
      AuditNotes.refused(refused);
      flash.addFlashAttribute("actionError", refused.getMessage());
      flash.addFlashAttribute("failedAction", action);
    }
    return Redirects.to("/console/initiatives/{key}", key);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid(field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
