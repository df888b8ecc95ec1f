package io.runway.activities.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a vendor's whole answer: one deadline for all of it, heartbeating while it comes. */
final class AnswerWait {

  private static final Duration HEARTBEAT_SLICE = Duration.ofSeconds(1);

  private AnswerWait() {}

  /**
   * Waits for the whole answer until the deadline, heartbeating every second so a cancellation stops the
   * wait; on the deadline or a cancellation the exchange is cancelled, which closes its connection.
   */
  static HttpResponse<CappedBody.Body> await(AttemptGuard guard, String system, String call,
      CompletableFuture<HttpResponse<CappedBody.Body>> answer, Duration deadline) {
    long until = System.nanoTime() + deadline.toNanos();
    try {
      while (true) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException();
        }
        try {
          return answer.get(Math.min(left, HEARTBEAT_SLICE.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillWaiting) {
          guard.heartbeat(call);
        }
      }
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw VendorFailures.unreachable(system, call, new IOException("no complete answer within " + describe(deadline)
          + " (connect, headers and body)"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw VendorFailures.unreachable(system, call, cause);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw VendorFailures.unreachable(system, call, e);
    } catch (RuntimeException cancelledOrGone) {
      // the heartbeat found the attempt cancelled or timed out: stop reading, and let Temporal know
      answer.cancel(true);
      throw cancelledOrGone;
    }
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
