package io.runway.worker.web;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.context.ContextSnapshotFactory;
import io.runway.lifecycle.Refusal;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * Runs a call against a workflow and turns Temporal's answers into the API's: a refused update
 * becomes 403/404/409/422 with the validator's own message, a closed workflow 409, an unreachable
 * Temporal 503. No call waits longer than {@code runway.api.temporal-timeout} (10 s by default): a
 * workflow that does not answer (its worker down, its workflow task failing) is a 503 then, not a
 * request that hangs, because Temporal's client itself waits for an update's result indefinitely.
 */
public final class TemporalCalls {

  /** The default of {@code runway.api.temporal-timeout}; an answer normally takes milliseconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Calls wait on virtual threads, carrying the request's trace and observation context with them. */
  private static final ExecutorService WAITERS = Executors.newVirtualThreadPerTaskExecutor();
  private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

  private static volatile Duration timeout = DEFAULT_TIMEOUT;

  private static final Set<Status.Code> UNREACHABLE =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

  private static final Map<String, HttpStatus> REFUSALS =
      Map.of(
          Refusal.FORBIDDEN, HttpStatus.FORBIDDEN,
          Refusal.NOT_FOUND, HttpStatus.NOT_FOUND,
          Refusal.CONFLICT, HttpStatus.CONFLICT,
          Refusal.INVALID, HttpStatus.UNPROCESSABLE_CONTENT);

  private TemporalCalls() {}

  /** Set once at start-up from {@code runway.api.temporal-timeout} ({@link TemporalCallSettings}). */
  static void timeout(Duration limit) {
    timeout = limit;
  }

  public static <T> T call(String initiativeKey, Supplier<T> call) {
    try {
      return withinTimeout(call);
    } catch (WorkflowUpdateException e) {
      throw refusal(e);
    } catch (WorkflowNotFoundException e) {
      throw ApiProblem.conflict(
          "Initiative '" + initiativeKey + "' is no longer running: it has ended and accepts no more commands.");
    } catch (WorkflowServiceException e) {
      if (isUnreachable(e)) {
        throw temporalUnavailable();
      }
      throw e;
    } catch (StatusRuntimeException e) {
      if (UNREACHABLE.contains(e.getStatus().getCode())) {
        throw temporalUnavailable();
      }
      throw e;
    }
  }

  public static void run(String initiativeKey, Runnable call) {
    call(
        initiativeKey,
        () -> {
          call.run();
          return null;
        });
  }

  private static <T> T withinTimeout(Supplier<T> call) {
    Future<T> answer = WAITERS.submit(CONTEXT.captureAll().wrap(call::get));
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw ApiProblem.unavailable("The workflow service (Temporal) did not answer within " + timeout.toSeconds()
          + " s. The command may still take effect: check the initiative or task before you retry.");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw temporalUnavailable();
    }
  }

  public static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && UNREACHABLE.contains(s.getStatus().getCode())) {
        return true;
      }
    }
    return false;
  }

  public static ApiProblem temporalUnavailable() {
    return ApiProblem.unavailable("The workflow service (Temporal) is not reachable right now; retry in a moment.");
  }

  private static RuntimeException refusal(WorkflowException e) {
    if (!(e.getCause() instanceof ApplicationFailure failure)) {
      return e;
    }
    // Refusal's type names are class names (not compile-time constants), hence a map and not a switch
    HttpStatus status = REFUSALS.get(failure.getType());
    return status == null ? e : new ApiProblem(status, failure.getOriginalMessage(), null);
  }
}
