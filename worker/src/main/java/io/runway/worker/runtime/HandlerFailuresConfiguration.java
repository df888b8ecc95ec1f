package io.runway.worker.runtime;

import io.runway.lifecycle.HandlerFailures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link HandlerFailures} with the lifecycle's workers (the Temporal starter hands every
 * {@code WorkerInterceptor} bean to the workers it creates): an update handler that throws fails its
 * update and a signal handler that throws is dropped, instead of failing workflow tasks for ever.
 */
@Configuration(proxyBeanMethods = false)
class HandlerFailuresConfiguration {

  @Bean
  HandlerFailures handlerFailures() {
    return new HandlerFailures();
  }
}
