package io.runway.worker.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The Temporal client and workers of this process (the Spring Boot starter takes the one
 * {@link DataConverter} bean named {@code mainDataConverter}) encrypt every payload, and failure
 * messages and stack traces too ({@code encodeFailureAttributes}): a refusal's message names people
 * and initiatives. The start fails when no key is configured outside the embedded profile.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecProperties.class)
class CodecConfiguration {

  static final String TEMPORAL_NAMESPACE_HEADER = "X-Namespace";

  @Bean
  AesGcmPayloadCodec payloadCodec(CodecProperties properties) {
    return new AesGcmPayloadCodec(KeyLoader.load(properties));
  }

  @Bean
  DataConverter mainDataConverter(AesGcmPayloadCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE, List.of(codec), true);
  }

  /**
   * CORS for /codec/** only: the Temporal UI's origin may call it from the browser, with
   * credentials (the UI sets {@code credentials: include} when TEMPORAL_CODEC_INCLUDE_CREDENTIALS is
   * on). Spring Security's {@code cors()} picks this bean up by its name.
   */
  @Bean
  CorsConfigurationSource corsConfigurationSource(CodecProperties properties) {
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(properties.corsOrigins());
    codec.setAllowedMethods(List.of("POST"));
    codec.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, TEMPORAL_NAMESPACE_HEADER));
    codec.setAllowCredentials(true);
    codec.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", codec);
    return source;
  }
}
