package io.runway.lifecycle.policy;

import java.time.Duration;

/**
 * How a tier's initiatives are held to their KPIs and budget once in production: a value review
 * {@code firstAfter} go-live and then every {@code every}, decided by {@code candidateGroup} within
 * {@code sla}; an early review at once when a KPI misses its target in
 * {@code earlyReviewAfterMissedPeriods} consecutive months, or when the month's run cost exceeds the
 * monthly budget times {@code costOverrunRatio} in {@code earlyReviewAfterOverrunPeriods} consecutive months.
 */
public record ValueReviewPolicy(
    String candidateGroup,
    Duration sla,
    Duration firstAfter,
    Duration every,
    int earlyReviewAfterMissedPeriods,
    double costOverrunRatio,
    int earlyReviewAfterOverrunPeriods) {

  /** The program office decides value reviews unless the policy names another group. */
  public String candidateGroupOrDefault() {
    return candidateGroup == null || candidateGroup.isBlank() ? "program-office" : candidateGroup;
  }
}
