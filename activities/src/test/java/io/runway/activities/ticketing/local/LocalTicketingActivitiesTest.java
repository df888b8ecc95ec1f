package io.runway.activities.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(PostgresExtension.class)
class LocalTicketingActivitiesTest {

  private final JdbcClient jdbc;
  private final LocalTicketingActivities tickets;

  LocalTicketingActivitiesTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tickets = new LocalTicketingActivities(jdbc);
  }

  private static TicketRequest request(String requestKey) {
    return new TicketRequest(requestKey, "fraud-scoring", Gate.INTEGRATION, "Integrate fraud scoring",
        "Wire the model into the payment flow", List.of("runway", "integration"));
  }

  private int count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
  }

  private String status(String ticketId) {
    return jdbc.sql("select status from local_ticket where id = :id").param("id", ticketId).query(String.class).single();
  }

  @Test
  void openTicketRecordsAnOpenTicketWithItsLabels() {
    TicketRef ref = tickets.openTicket(request("fraud-scoring.integration.1"));

    assertThat(ref).isEqualTo(new TicketRef("local", "RWY-1", "/api/v1/tickets/RWY-1"));
    assertThat(status("RWY-1")).isEqualTo("OPEN");
    assertThat(jdbc.sql("select array_to_string(labels, ',') from local_ticket").query(String.class).single())
        .isEqualTo("runway,integration");
  }

  @Test
  void theStatusReadSaysWhatTheBoardShowsResolvedIncluded() {
    TicketRef ref = tickets.openTicket(request("fraud-scoring.integration.1"));
    assertThat(tickets.readStatus(ref).resolved()).isFalse();

    jdbc.sql("update local_ticket set status = 'RESOLVED' where id = 'RWY-1'").update();

    assertThat(tickets.readStatus(ref).resolved()).isTrue();
  }

  @Test
  void openTicketTwiceWithOneRequestKeyCreatesOneTicket() {
    TicketRef first = tickets.openTicket(request("fraud-scoring.integration.1"));
    TicketRef second = tickets.openTicket(request("fraud-scoring.integration.1"));

    assertThat(second).isEqualTo(first);
    assertThat(count("local_ticket")).isEqualTo(1);
  }

  @Test
  void openTicketWithDifferentRequestKeysCreatesSeparateTickets() {
    TicketRef first = tickets.openTicket(request("fraud-scoring.integration.1"));
    TicketRef second = tickets.openTicket(request("fraud-scoring.integration.2"));

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(count("local_ticket")).isEqualTo(2);
  }

  @Test
  void concurrentOpenTicketsWithOneRequestKeyAgreeOnOneTicket() throws Exception {
    int callers = 4;
    CountDownLatch start = new CountDownLatch(1);
    Callable<TicketRef> open = () -> {
      start.await();
      return tickets.openTicket(request("fraud-scoring.integration.1"));
    };
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      List<Future<TicketRef>> results = Stream.generate(() -> pool.submit(open)).limit(callers).toList();
      start.countDown();
      List<TicketRef> refs = new ArrayList<>();
      for (Future<TicketRef> result : results) {
        refs.add(result.get());
      }
      assertThat(refs).hasSize(callers).containsOnly(refs.getFirst());
    }
    assertThat(count("local_ticket")).isEqualTo(1);
  }

  @Test
  void commentTwiceWithOneRequestKeyAddsOneComment() {
    TicketRef ref = tickets.openTicket(request("fraud-scoring.integration.1"));
    TicketUpdate comment = new TicketUpdate("fraud-scoring.integration.1.approved", ref.id(), "Approved by erin", null);

    tickets.updateTicket(comment);
    tickets.updateTicket(comment);

    assertThat(count("local_ticket_comment")).isEqualTo(1);
    assertThat(status(ref.id())).isEqualTo("OPEN");
  }

  @Test
  void updateWithTargetStatusMovesTheTicketOnce() {
    TicketRef ref = tickets.openTicket(request("fraud-scoring.integration.1"));
    TicketUpdate close = new TicketUpdate("fraud-scoring.integration.1.done", ref.id(), "Handed over", "DONE");

    tickets.updateTicket(close);
    var movedAt = jdbc.sql("select updated_at from local_ticket").query(OffsetDateTime.class).single();
    tickets.updateTicket(close);

    assertThat(status(ref.id())).isEqualTo("DONE");
    assertThat(jdbc.sql("select updated_at from local_ticket").query(OffsetDateTime.class).single()).isEqualTo(movedAt);
    assertThat(count("local_ticket_comment")).isEqualTo(1);
  }

  @Test
  void updatingAnUnknownTicketFailsWithoutRetry() {
    assertThatThrownBy(() -> tickets.updateTicket(new TicketUpdate("k", "RWY-9", "hello", null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo("TicketNotFound");
          assertThat(failure.getOriginalMessage()).isEqualTo("local ticket board: no ticket RWY-9");
        });
  }
}
