package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The initiative page says when the initiative waits on a failing system of record, and stops saying it once the wait is over. */
class VendorWaitBannerTest {

  private static TimelineEntry entry(long seq, String type, String detail) {
    return new TimelineEntry(seq, Instant.parse("2026-12-01T10:00:00Z").plusSeconds(seq), type, Gate.SECURITY_REVIEW, null, detail);
  }

  @Test
  void theLatestWaitWithNothingAfterItThatEndsItIsShown() {
    List<TimelineEntry> timeline = List.of(entry(1, "GATE_OPENED", "opened"),
        entry(2, "WAITING_ON_VENDOR", "waiting on Jira: opening the SECURITY_REVIEW ticket, attempt 1 of 12 failed (503); next at t1"),
        entry(3, "WAITING_ON_VENDOR", "waiting on Jira: opening the SECURITY_REVIEW ticket, attempt 2 of 12 failed (503); next at t2"),
        entry(4, "TASK_CLAIMED", "claimed"));

    assertThat(InitiativePage.vendorWait(timeline)).get().extracting(TimelineEntry::detail).asString().contains("attempt 2 of 12");
  }

  @Test
  void aWaitIsOverOnceTheVendorAnsweredOrAnIncidentOpened() {
    TimelineEntry wait = entry(1, "WAITING_ON_VENDOR", "waiting on MLflow: promoting version 3, attempt 1 of 12 failed; next at t");

    assertThat(InitiativePage.vendorWait(List.of(wait, entry(2, "VENDOR_ANSWERED", "went through on attempt 2")))).isEmpty();
    assertThat(InitiativePage.vendorWait(List.of(wait, entry(2, "INTEGRATION_INCIDENT", "incident")))).isEmpty();
    assertThat(InitiativePage.vendorWait(List.of())).isEmpty();
  }
}
