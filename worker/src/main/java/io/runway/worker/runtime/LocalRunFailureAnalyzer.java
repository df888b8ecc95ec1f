package io.runway.worker.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A local run refused at start ends with what went wrong and what to do, not with a stack trace. */
class LocalRunFailureAnalyzer extends AbstractFailureAnalyzer<LocalRunException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LocalRunException cause) {
    return new FailureAnalysis("Runway cannot start: " + cause.getMessage(), cause.action(), cause);
  }
}
