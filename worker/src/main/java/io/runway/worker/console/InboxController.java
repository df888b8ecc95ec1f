package io.runway.worker.console;

import io.runway.worker.audit.AuditNotes;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.security.Actors;
import io.runway.worker.task.Tasks;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The inbox: open tasks of the person's groups, claim / unclaim, and the completion form. Actions
 * answer htmx with the workspace fragment (list and task panel), so the next task appears in place;
 * without htmx the same URLs answer the whole page.
 */
@Controller
@RequestMapping("/console/inbox")
class InboxController {

  private static final Paging FIRST_PAGE = new Paging(0, 50);

  private final Tasks tasks;
  private final TaskPanels panels;
  private final SavedFilters savedFilters;

  InboxController(Tasks tasks, TaskPanels panels, SavedFilters savedFilters) {
    this.tasks = tasks;
    this.panels = panels;
    this.savedFilters = savedFilters;
  }

  @GetMapping
  String page(@RequestParam Map<String, String> params, Authentication user, Model model) {
    Actor me = Actors.of(user);
    InboxFilter filter = filter(params, model);
    String taskId = params.get("task");
    TaskView selected = taskId == null ? null : tasks.get(taskId, me);
    workspace(model, me, filter, selected, null, List.of(), Map.of(), null);
    return "console/inbox";
  }

  @GetMapping("/list")
  String list(@RequestParam Map<String, String> params, Authentication user, Model model) {
    Actor me = Actors.of(user);
    list(model, me, filter(params, model), null);
    model.addAttribute("filterQuery", filter(params, model).query());
    return "console/inbox :: list";
  }

  @GetMapping("/tasks/{id}")
  String task(@PathVariable String id, @RequestParam Map<String, String> params,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Authentication user, Model model) {
    if (htmx == null) {
      return Redirects.withQuery("/console/inbox", withTask(filter(params, model).query(), id));
    }
    Actor me = Actors.of(user);
    // the panel's forms carry the filter (completion.html), like the whole page's do
    panel(model, me, filter(params, model), tasks.get(id, me), List.of(), Map.of(), null);
    return "console/inbox :: panel";
  }

  @PostMapping("/tasks/{id}/claim")
  String claim(@PathVariable String id, @RequestParam Map<String, String> params,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Authentication user, Model model) {
    return act(id, params, htmx, user, model, true);
  }

  @PostMapping("/tasks/{id}/unclaim")
  String unclaim(@PathVariable String id, @RequestParam Map<String, String> params,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Authentication user, Model model) {
    return act(id, params, htmx, user, model, false);
  }

  @PostMapping("/tasks/{id}/complete")
  String complete(@PathVariable String id, @RequestParam MultiValueMap<String, String> params,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Authentication user, Model model) {
    Actor me = Actors.of(user);
    InboxFilter filter = filter(params.toSingleValueMap(), model);
    TaskView task = tasks.get(id, me);
    GateForms.Form form = panels.form(task);
    Completion completion = Completion.read(params, task, form);
    List<String> problems = completion.problems(task, form, panels.kindsOnFile(task), panels.forms());
    if (problems.isEmpty()) {
      try {
        TaskView done = tasks.complete(id, completion.decision(), completion.comment(), completion.evidence(),
            completion.metrics(), completion.amendment(), completion.followUpOn(), me);
        String notice = completion.decision() == Decision.SUBMIT
            ? "Submitted " + panels.title(done) + " of " + done.initiativeKey() + "."
            : "Decided " + panels.title(done) + " of " + done.initiativeKey() + ": " + completion.decision() + ".";
        // one inbox query: the refreshed list also names the next task to open
        List<TaskPanels.Row> rows = list(model, me, filter, done);
        TaskView next = rows.isEmpty() ? null : rows.getFirst().task();
        panel(model, me, filter, next, List.of(), Map.of(), notice);
        return view(htmx);
      } catch (ApiProblem refused) {
        AuditNotes.refused(refused);
        problems = List.of(refused.getMessage());
      }
    }
    workspace(model, me, filter, task, null, problems, params.toSingleValueMap(), null);
    return view(htmx);
  }

  @PostMapping("/filters")
  String saveFilter(@RequestParam Map<String, String> params, Authentication user, Model model) {
    InboxFilter filter = filter(params, model);
    String name = Completion.trimmed(params.get("name"));
    if (name == null || name.length() > 60) {
      throw ApiProblem.invalid("name", "is required to save a filter (at most 60 characters)");
    }
    savedFilters.save(user.getName(), name, filter);
    return Redirects.withQuery("/console/inbox", filter.query());
  }

  @PostMapping("/filters/delete")
  String deleteFilter(@RequestParam String name, Authentication user) {
    savedFilters.delete(user.getName(), name);
    return "redirect:/console/inbox";
  }

  private String act(String id, Map<String, String> params, String htmx, Authentication user, Model model,
      boolean claim) {
    Actor me = Actors.of(user);
    InboxFilter filter = filter(params, model);
    TaskView task;
    List<String> errors = List.of();
    try {
      task = claim ? tasks.claim(id, me) : tasks.unclaim(id, me);
    } catch (ApiProblem refused) {
      AuditNotes.refused(refused);
      task = tasks.get(id, me);
      errors = List.of(refused.getMessage());
    }
    workspace(model, me, filter, task, task, errors, Map.of(), null);
    return view(htmx);
  }

  /**
   * The list and the panel. {@code fresh} is the workflow's own answer to a command: the read model
   * may not show it yet, so it replaces (or, once no longer open, removes) the task's row.
   */
  private void workspace(Model model, Actor me, InboxFilter filter, TaskView selected, TaskView fresh,
      List<String> errors, Map<String, String> values, String notice) {
    list(model, me, filter, fresh);
    panel(model, me, filter, selected, errors, values, notice);
  }

  /** The selected task's panel, the notice and the filter bar. */
  private void panel(Model model, Actor me, InboxFilter filter, TaskView selected, List<String> errors,
      Map<String, String> values, String notice) {
    model.addAttribute("filterQuery", filter.query());
    model.addAttribute("panel", selected == null ? null : panels.panel(selected, me, errors, values));
    model.addAttribute("notice", notice);
    model.addAttribute("saved", savedFilters.of(me.username()));
    model.addAttribute("riskTiers", RiskTier.values());
  }

  /** The soonest-due open tasks (first page) and how many match in all, for "50 of 1,234". */
  private List<TaskPanels.Row> list(Model model, Actor me, InboxFilter filter, TaskView fresh) {
    PageResult<TaskView> page = tasks.open(filter.toTaskFilter(), me, FIRST_PAGE);
    List<TaskPanels.Row> rows = rows(page, fresh);
    model.addAttribute("rows", rows);
    model.addAttribute("total", page.total());
    return rows;
  }

  private List<TaskPanels.Row> rows(PageResult<TaskView> page, TaskView fresh) {
    List<TaskView> listed = new ArrayList<>();
    for (TaskView task : page.items()) {
      if (fresh != null && fresh.id().equals(task.id())) {
        if (fresh.status() == TaskStatus.OPEN) {
          listed.add(fresh);
        }
      } else {
        listed.add(task);
      }
    }
    return panels.rows(listed);
  }

  private static InboxFilter filter(Map<String, String> params, Model model) {
    Integer days = null;
    String daysText = Completion.trimmed(params.get("dueWithinDays"));
    if (daysText != null) {
      try {
        days = Integer.valueOf(daysText);
      } catch (NumberFormatException e) {
        throw ApiProblem.invalid("dueWithinDays", "must be a whole number of days");
      }
    }
    InboxFilter filter = new InboxFilter(params.get("group"), "true".equals(params.get("overdue")), days,
        params.get("riskTier"));
    model.addAttribute("filter", filter);
    return filter;
  }

  private static String withTask(String query, String id) {
    return (query.isEmpty() ? "?" : query + "&") + "task=" + UriUtils.encodeQueryParam(id, StandardCharsets.UTF_8);
  }

  private static String view(String htmx) {
    return htmx == null ? "console/inbox" : "console/inbox :: workspace";
  }
}
