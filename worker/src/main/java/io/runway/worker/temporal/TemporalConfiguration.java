package io.runway.worker.temporal;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  /** The bean name the Temporal starter looks for; Temporal's default JSON converter otherwise. */
  @Bean
  DataConverter mainDataConverter() {
    return DefaultDataConverter.newDefaultInstance().withFailureConverter(new ValidatorRejectionFailureConverter());
  }
}
