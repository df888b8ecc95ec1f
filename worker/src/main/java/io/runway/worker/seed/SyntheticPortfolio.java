package io.runway.worker.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible synthetic portfolio, as CSV for COPY. Each initiative gets a stage from a realistic
 * mix, gates decided in order up to it (review times per team drawn around a median), its share of
 * the tasks as review rounds of the gates it reached (the last round of its current gate OPEN, half
 * of those claimed by a demo user), and timeline lines for launch, each gate opened and decided.
 */
final class SyntheticPortfolio {

  static final String PREFIX = "seed-";

  private static final String[] GATES = {"SECURITY_REVIEW", "LEGAL_REVIEW", "DATA_READINESS", "INTEGRATION",
      "HITL_VALIDATION", "GO_LIVE_DECISION", "OPERATIONS_HANDOVER"};
  private static final String[] TEAMS = {"security", "legal", "data-engineering", "engineering", "business-validation",
      "governance-board", "operations"};
  private static final double[] MEDIAN_DAYS = {3, 5, 4, 6, 3, 2, 2};
  private static final String[] UNITS = {"claims", "underwriting", "retail", "wealth", "operations", "hr", "finance", "marketing"};
  private static final String[] TIERS = {"MINIMAL", "LIMITED", "HIGH"};
  private static final double[] TIER_WEIGHTS = {0.45, 0.35, 0.20};
  // INTAKE, 7 gates, IN_PRODUCTION, RETIRED, REJECTED, WITHDRAWN
  private static final String[] STAGES = {"INTAKE", "SECURITY_REVIEW", "LEGAL_REVIEW", "DATA_READINESS", "INTEGRATION",
      "HITL_VALIDATION", "GO_LIVE_DECISION", "OPERATIONS_HANDOVER", "IN_PRODUCTION", "RETIRED", "REJECTED", "WITHDRAWN"};
  private static final double[] STAGE_WEIGHTS = {0.05, 0.10, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.30, 0.05, 0.09, 0.08};

  static final class Counts {
    long initiatives;
    long gates;
    long tasks;
    long timeline;
  }

  record Chunk(String initiatives, String gates, String tasks, String timeline) {}

  private final long seed;
  private final Instant now;
  private final int total;
  private final int tasksTotal;

  SyntheticPortfolio(long seed, Instant now, int total, int tasksTotal) {
    this.seed = seed;
    this.now = now;
    this.total = total;
    this.tasksTotal = tasksTotal;
  }

  Chunk chunk(int from, int to, Counts counts) {
    StringBuilder initiatives = new StringBuilder();
    StringBuilder gates = new StringBuilder();
    StringBuilder tasks = new StringBuilder();
    StringBuilder timeline = new StringBuilder();
    for (int i = from; i < to; i++) {
      one(i, initiatives, gates, tasks, timeline, counts);
    }
    return new Chunk(initiatives.toString(), gates.toString(), tasks.toString(), timeline.toString());
  }

  private void one(int index, StringBuilder initiatives, StringBuilder gates, StringBuilder tasks, StringBuilder timeline,
      Counts counts) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    String key = PREFIX + String.format("%06d", index + 1);
    String workflowId = "initiative-" + key;
    String tier = pick(random, TIERS, TIER_WEIGHTS);
    String stage = pick(random, STAGES, STAGE_WEIGHTS);
    String unit = UNITS[random.nextInt(UNITS.length)];
    int owner = random.nextInt(400);

    // how far it got: gates [0, reached) were opened; the last opened one is the current or final one
    int current = gateIndex(stage);
    int reached;
    switch (stage) {
      case "INTAKE" -> reached = 0;
      case "IN_PRODUCTION", "RETIRED" -> reached = GATES.length;
      case "REJECTED" -> reached = 1 + random.nextInt(GATES.length);
      case "WITHDRAWN" -> reached = random.nextInt(GATES.length + 1);
      default -> reached = current + 1;
    }
    // lay the gates out backwards from the last progress, so nothing lies in the future
    Instant lastProgress = now.minus(days(random.nextExponential() * 9 + 0.05));
    Instant[] opened = new Instant[GATES.length];
    Instant[] decided = new Instant[GATES.length];
    boolean lastDecided = !List.of("INTAKE", "WITHDRAWN").contains(stage) && current < 0;
    Instant cursor = lastProgress;
    for (int g = reached - 1; g >= 0; g--) {
      boolean isLast = g == reached - 1;
      if (!isLast || lastDecided) {
        decided[g] = cursor;
        cursor = cursor.minus(days(MEDIAN_DAYS[g] * Math.exp(random.nextGaussian() * 0.6)));
      }
      opened[g] = cursor;
    }
    Instant launchedAt = cursor.minus(days(1 + random.nextDouble() * 3));
    String name = "Seeded initiative " + (index + 1);
    initiatives.append(key).append(',').append(workflowId).append(',').append(name).append(',').append(unit).append(',')
        .append(tier).append(',').append(stage).append(",2026.1,owner-").append(owner).append(",tech-").append(owner)
        .append(",ops-").append(owner).append(",sponsor-").append(owner % 40).append(",program-office-1,")
        .append(launchedAt).append(',').append(lastProgress).append(",1,")
        .append(csv("{\"key\":\"" + key + "\",\"workflowId\":\"" + workflowId + "\",\"riskTier\":\"" + tier
            + "\",\"stage\":\"" + stage + "\",\"launchedAt\":\"" + launchedAt + "\",\"lastProgressAt\":\"" + lastProgress + "\"}"))
        // what V6's trigger on gate would compute (1 = INTAKE, gate g = g + 2, 9 = went live), so it has nothing to write
        .append(',').append(reached == GATES.length && decided[GATES.length - 1] != null && !"REJECTED".equals(stage) ? "9"
            : reached == 0 ? "" : Integer.toString(reached + 1))
        .append('\n');
    counts.initiatives++;

    List<String> events = new ArrayList<>();
    events.add(line(workflowId, launchedAt, "LAUNCHED", "", "program-office-1", name));
    for (int g = 0; g < GATES.length; g++) {
      String status;
      if (g >= reached) {
        status = "PENDING";
      } else if (decided[g] != null) {
        status = "REJECTED".equals(stage) && g == reached - 1 ? "REJECTED" : "APPROVED";
      } else {
        status = "WITHDRAWN".equals(stage) ? "CANCELLED" : "OPEN";
      }
      String decider = decided[g] == null ? "{}" : "{" + TEAMS[g] + "-" + (1 + random.nextInt(2)) + "}";
      gates.append(workflowId).append(',').append(GATES[g]).append(',').append(status).append(',').append(TEAMS[g])
          .append(",1,").append(orEmpty(opened[g])).append(',').append(orEmpty(decided[g])).append(',').append(decider)
          .append(',').append(opened[g] == null ? "" : opened[g].plus(Duration.ofDays(5))).append('\n');
      counts.gates++;
      if (opened[g] != null) {
        events.add(line(workflowId, opened[g], "GATE_OPENED", GATES[g], "", GATES[g] + " opened"));
      }
      if (decided[g] != null) {
        events.add(line(workflowId, decided[g], "GATE_" + status, GATES[g], decider.replaceAll("[{}]", ""), ""));
      }
    }
    if (List.of("REJECTED", "WITHDRAWN", "RETIRED").contains(stage)) {
      events.add(line(workflowId, lastProgress, stage, "", "program-office-2", "ended"));
    }
    for (int seq = 0; seq < events.size(); seq++) {
      timeline.append(events.get(seq).replace("#SEQ#", Integer.toString(seq + 1)));
      counts.timeline++;
    }

    tasks(random, key, workflowId, tier, stage, reached, opened, decided, launchedAt, lastProgress, tasks, counts, index);
  }

  /** This initiative's share of the tasks, as rounds of the gates it reached (intake rounds if it reached none). */
  private void tasks(SplittableRandom random, String key, String workflowId, String tier, String stage, int reached,
      Instant[] opened, Instant[] decided, Instant launchedAt, Instant lastProgress, StringBuilder out, Counts counts,
      int index) {
    int mine = tasksTotal / total + (index < tasksTotal % total ? 1 : 0);
    int gatesWithTasks = Math.max(1, reached);
    for (int g = 0; g < gatesWithTasks; g++) {
      int rounds = mine / gatesWithTasks + (g < mine % gatesWithTasks ? 1 : 0);
      boolean intake = reached == 0;
      String gate = intake ? "" : GATES[g];
      String team = intake ? "program-office" : TEAMS[g];
      Instant start = intake ? launchedAt : opened[g];
      // an undecided gate's rounds all ended by the last progress (each decision is progress)
      Instant end = intake ? (stage.equals("INTAKE") ? lastProgress : launchedAt.plus(Duration.ofHours(6)))
          : decided[g] != null ? decided[g] : lastProgress;
      boolean gateStillOpen = !intake && decided[g] == null && "OPEN".equals(openStatus(stage));
      boolean intakeStillOpen = intake && "INTAKE".equals(stage);
      Duration slice = Duration.between(start, end).dividedBy(Math.max(1, rounds));
      for (int round = 1; round <= rounds; round++) {
        boolean last = round == rounds;
        Instant created = start.plus(slice.multipliedBy(round - 1));
        Instant due = created.plus(Duration.ofDays(5));
        String status;
        String decision = "";
        if (last && (gateStillOpen || intakeStillOpen)) {
          status = "OPEN";
        } else if (last && decided[Math.max(0, g)] == null && !intake) {
          status = "CANCELLED";
        } else if (last && intake && !"INTAKE".equals(stage) && "WITHDRAWN".equals(stage)) {
          status = "CANCELLED";
        } else {
          status = "COMPLETED";
          decision = intake ? "SUBMIT" : !last ? "REQUEST_CHANGES" : "REJECTED".equals(stage) && g == reached - 1 ? "REJECT" : "APPROVE";
        }
        String assignee = "COMPLETED".equals(status) || random.nextBoolean() ? team + "-" + (1 + random.nextInt(2)) : "";
        if ("CANCELLED".equals(status)) {
          assignee = "";
        }
        Instant completed = "COMPLETED".equals(status) ? created.plus(slice) : null;
        int escalation = "OPEN".equals(status) && due.isBefore(now) ? 1 + random.nextInt(2) : 0;
        String id = key + "." + (intake ? "intake" : gate.toLowerCase().replace('_', '-')) + "." + round;
        String kind = intake ? "INTAKE_COMPLETION" : "GATE_REVIEW";
        String view = "{\"id\":\"" + id + "\",\"initiativeKey\":\"" + key + "\",\"gate\":" + (intake ? "null" : "\"" + gate + "\"")
            + ",\"kind\":\"" + kind + "\",\"round\":" + round + ",\"candidateGroup\":\"" + team + "\",\"candidateUsers\":[]"
            + ",\"status\":\"" + status + "\",\"assignee\":" + (assignee.isEmpty() ? "null" : "\"" + assignee + "\"")
            + ",\"createdAt\":\"" + created + "\",\"dueAt\":\"" + due + "\",\"requiredEvidence\":[],\"requiredApprovals\":1"
            + ",\"approvals\":[],\"decision\":" + (decision.isEmpty() ? "null" : "\"" + decision + "\"")
            + ",\"completedAt\":" + (completed == null ? "null" : "\"" + completed + "\"") + ",\"escalationLevel\":" + escalation + "}";
        out.append(id).append(',').append(workflowId).append(',').append(key).append(',').append(gate).append(',')
            .append(kind).append(',').append(round).append(',').append(team).append(',').append(status).append(',')
            .append(assignee).append(',').append(tier).append(',').append(created).append(',').append(due).append(',')
            .append(orEmpty(completed)).append(',').append(decision).append(',')
            .append("COMPLETED".equals(status) ? assignee : "").append(',').append(escalation).append(',').append(csv(view))
            .append('\n');
        counts.tasks++;
      }
    }
  }

  private static String openStatus(String stage) {
    return "WITHDRAWN".equals(stage) || "REJECTED".equals(stage) ? "CANCELLED" : "OPEN";
  }

  private static String line(String workflowId, Instant at, String type, String gate, String actor, String detail) {
    return workflowId + ",#SEQ#," + at + "," + type + "," + gate + "," + actor + "," + csv(detail) + "\n";
  }

  private static int gateIndex(String stage) {
    for (int g = 0; g < GATES.length; g++) {
      if (GATES[g].equals(stage)) {
        return g;
      }
    }
    return -1;
  }

  private static String pick(SplittableRandom random, String[] values, double[] weights) {
    double r = random.nextDouble();
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private static Duration days(double days) {
    return Duration.ofSeconds((long) (days * 86_400));
  }

  private static String orEmpty(Instant at) {
    return at == null ? "" : at.toString();
  }

  private static String csv(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
