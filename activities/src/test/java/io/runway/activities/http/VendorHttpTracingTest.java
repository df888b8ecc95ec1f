package io.runway.activities.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every vendor call is a client span of the current trace, and tells the vendor the trace through {@code traceparent}. */
class VendorHttpTracingTest {

  private static final WireMockServer vendor = new WireMockServer(wireMockConfig().dynamicPort());
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private OpenTelemetrySdk otel;

  @BeforeAll
  static void start() {
    vendor.start();
  }

  @AfterAll
  static void stop() {
    vendor.stop();
  }

  @BeforeEach
  void reset() {
    vendor.resetAll();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  @Test
  void aCallIsAClientSpanOfTheCurrentTraceAndSendsItsTraceparent() {
    vendor.stubFor(get(urlEqualTo("/secret-path?q=initiative")).willReturn(okJson("{}")));
    VendorHttp http = new VendorHttp("Slack", URI.create(vendor.baseUrl()), Duration.ofSeconds(2), () -> null, otel);
    Span activity = otel.getTracer("test").spanBuilder("RunActivity:OpenTicket").startSpan();
    try (Scope scope = activity.makeCurrent()) {
      http.send("get thing", "GET", "/secret-path?q=initiative", null);
    } finally {
      activity.end();
    }

    SpanData call = single("GET Slack");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getTraceId()).isEqualTo(activity.getSpanContext().getTraceId());
    assertThat(call.getParentSpanId()).isEqualTo(activity.getSpanContext().getSpanId());
    assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(call.getAttributes().get(AttributeKey.stringKey("runway.vendor.call"))).isEqualTo("get thing");
    assertThat(call.getAttributes().asMap().values()).as("no path or query: a webhook's path is its secret")
        .noneMatch(v -> v.toString().contains("secret-path") || v.toString().contains("initiative"));
    String traceparent = vendor.getAllServeEvents().getFirst().getRequest().getHeader("traceparent");
    // the flags byte is the sampled bit plus, on newer SDKs, the random-trace-id bit: 01 or 03
    assertThat(traceparent).startsWith("00-" + call.getTraceId() + "-" + call.getSpanId() + "-");
  }

  @Test
  void aRefusedCallIsAnErrorSpanNamingTheFailureType() {
    vendor.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
    VendorHttp http = new VendorHttp("Jira", URI.create(vendor.baseUrl()), Duration.ofSeconds(2), () -> "Basic eA==", otel);

    assertThatThrownBy(() -> http.send("get thing", "GET", "/thing", null)).isInstanceOf(ApplicationFailure.class);

    SpanData call = single("GET Jira");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("JiraThrottled");
    assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(429L);
  }

  @Test
  void withoutAnInstalledOpenTelemetryNothingIsTracedOrSent() {
    vendor.stubFor(get(urlEqualTo("/thing")).willReturn(okJson("{}")));
    new VendorHttp("Jira", URI.create(vendor.baseUrl()), Duration.ofSeconds(2), () -> null).send("get thing", "GET", "/thing", null);
    assertThat(vendor.findAll(getRequestedFor(urlEqualTo("/thing"))).getFirst().containsHeader("traceparent")).isFalse();
  }

  @Test
  void theInstalledOpenTelemetryIsUsedByAdaptersThatPassNone() {
    vendor.stubFor(get(urlEqualTo("/thing")).willReturn(okJson("{}")));
    VendorHttp http = new VendorHttp("Jira", URI.create(vendor.baseUrl()), Duration.ofSeconds(2), () -> null);
    VendorTracing.install(otel);
    try {
      http.send("get thing", "GET", "/thing", null);
    } finally {
      VendorTracing.uninstall(otel);
    }
    assertThat(single("GET Jira").getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(vendor.findAll(getRequestedFor(urlEqualTo("/thing"))).getFirst().containsHeader("traceparent")).isTrue();
  }

  private SpanData single(String name) {
    List<SpanData> named = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named " + name + " among " + spans.getFinishedSpanItems()).hasSize(1);
    return named.getFirst();
  }
}
