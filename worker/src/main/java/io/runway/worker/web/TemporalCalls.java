package io.runway.worker.web;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.runway.lifecycle.Refusal;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * Runs a call against a workflow and turns Temporal's answers into the API's: a refused update
 * becomes 403/404/409/422 with the validator's own message, a closed workflow 409, an unreachable
 * Temporal 503.
 */
public final class TemporalCalls {

  private static final Set<Status.Code> UNREACHABLE =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

  private static final Map<String, HttpStatus> REFUSALS =
      Map.of(
          Refusal.FORBIDDEN, HttpStatus.FORBIDDEN,
          Refusal.NOT_FOUND, HttpStatus.NOT_FOUND,
          Refusal.CONFLICT, HttpStatus.CONFLICT,
          Refusal.INVALID, HttpStatus.UNPROCESSABLE_CONTENT);

  private TemporalCalls() {}

  public static <T> T call(String initiativeKey, Supplier<T> call) {
    try {
      return call.get();
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
