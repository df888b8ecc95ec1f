package io.runway.worker.temporal;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.FailureConverter;
import io.temporal.failure.DefaultFailureConverter;
import io.temporal.internal.worker.WorkflowExecutionException;

/**
 * Works around temporalio/sdk-java#2875 (fixed in sdk-java PR #3001, after 1.38): when an update
 * validator throws an {@code ApplicationFailure}, SDK 1.38 serialises it once, wraps the result in
 * a {@code WorkflowExecutionException} and serialises that wrapper again, so the client sees the
 * wrapper's class name as the failure type and the API cannot tell Forbidden from Invalid. The
 * wrapper already carries the serialised failure: hand that on unchanged. Remove this class when
 * the SDK is upgraded past the fix.
 */
final class ValidatorRejectionFailureConverter implements FailureConverter {

  private final DefaultFailureConverter delegate = new DefaultFailureConverter();

  @Override
  public Failure exceptionToFailure(Throwable throwable, DataConverter dataConverter) {
    if (throwable instanceof WorkflowExecutionException wrapped) {
      return wrapped.getFailure();
    }
    return delegate.exceptionToFailure(throwable, dataConverter);
  }

  @Override
  public RuntimeException failureToException(Failure failure, DataConverter dataConverter) {
    return delegate.failureToException(failure, dataConverter);
  }
}
