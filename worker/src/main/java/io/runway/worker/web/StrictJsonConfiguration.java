package io.runway.worker.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * The MVC JSON converter reads request bodies with {@link StrictJson}; the application's
 * {@code JsonMapper} bean itself stays lenient for stored views and vendor payloads. The converter is
 * swapped in the final list, so it keeps its place after the String and byte[] converters.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

  @Bean
  ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(StrictJsonReader reader) {
    JacksonJsonHttpMessageConverter strict = new JacksonJsonHttpMessageConverter(reader.mapper());
    return converters -> converters.configureMessageConvertersList(list -> list.replaceAll(
        converter -> converter.getClass() == JacksonJsonHttpMessageConverter.class ? strict : converter));
  }
}
