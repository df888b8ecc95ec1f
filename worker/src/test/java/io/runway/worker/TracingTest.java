package io.runway.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One trace from the API call to the vendor: launching an initiative over HTTP is a server span;
 * Temporal's tracing interceptors (wired by the Temporal starter from the OpenTelemetry bean) make
 * the workflow start, the workflow run and the activity spans of that trace; and the activity's call
 * to Jira (a WireMock server answering as Jira) is a client span whose {@code traceparent} Jira sees.
 * Spans are collected by an in-memory exporter in place of OTLP.
 */
@SpringBootTest(
    classes = RunwayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runway.ticketing.provider=jira",
      "runway.jira.email=runway-bot@example.com",
      "runway.jira.api-token=dummy-jira-api-token-tracing",
      "runway.jira.project-key=" + TracingTest.PROJECT,
      "management.tracing.sampling.probability=1.0",
      // export finished spans every 100 ms rather than every 5 s
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
@Import(TracingTest.Spans.class)
// a context of its own (the adapter and the exporter differ): close it with the class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TracingTest extends ApiTestSupport {

  static final String PROJECT = "TRC";
  static final FakeJira fakeJira = new FakeJira(PROJECT);
  static final WireMockServer jira = new WireMockServer(wireMockConfig().dynamicPort().extensions(fakeJira));

  static {
    jira.start();
    fakeJira.baseUrl(jira.baseUrl());
    jira.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeJira.NAME)));
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Spans {
    /** Boot's OpenTelemetry SDK exports to every SpanExporter bean (batched), here instead of OTLP. */
    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }

  @DynamicPropertySource
  static void jiraUrl(DynamicPropertyRegistry registry) {
    registry.add("runway.jira.base-url", jira::baseUrl);
  }

  @AfterAll
  static void stopJira() {
    jira.stop();
  }

  @Autowired InMemorySpanExporter exporter;

  @Test
  void aLaunchIsOneTraceFromTheApiThroughTheWorkflowAndActivityToJira() {
    String key = uniqueKey("trace");
    launch(key, "MINIMAL");
    // the first gate's ticket is a Jira issue, opened by an activity right after the launch
    await("a Jira issue for " + key, () -> fakeJira.issues().stream().filter(i -> i.labels.contains("runway-" + key)).count(),
        n -> n > 0);
    // the run span ends with the workflow: withdraw the initiative so it does
    assertThat(api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", Map.of("reason", "trace test")).status())
        .isEqualTo(202);

    SpanData server = await("the server span of the launch", () -> serverSpan("POST", "/api/v1/initiatives"), Optional::isPresent)
        .orElseThrow();
    String traceId = server.getTraceId();
    List<SpanData> trace = await("the workflow run span in the launch's trace",
        () -> inTrace(traceId), spans -> spans.stream().anyMatch(s -> s.getName().startsWith("RunWorkflow:")));

    Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
    SpanData start = single(trace, "StartWorkflow:");
    SpanData run = single(trace, "RunWorkflow:");
    assertThat(ancestors(start, byId)).as("the workflow start is within the API call: " + names(trace)).contains(server.getSpanId());
    assertThat(run.getParentSpanId()).as("the workflow run continues the start").isEqualTo(start.getSpanId());

    SpanData jiraCall = trace.stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT && "Jira".equals(s.getAttributes().get(AttributeKey.stringKey("runway.vendor"))))
        .findFirst().orElseThrow(() -> new AssertionError("no Jira client span in " + names(trace)));
    SpanData activity = byId.get(jiraCall.getParentSpanId());
    assertThat(activity).as("the Jira call's parent in " + names(trace)).isNotNull();
    assertThat(activity.getName()).isEqualTo("RunActivity:OpenTicket");
    SpanData scheduled = byId.get(activity.getParentSpanId());
    assertThat(scheduled.getName()).isEqualTo("StartActivity:OpenTicket");
    assertThat(scheduled.getParentSpanId()).as("the activity was scheduled by the workflow run").isEqualTo(run.getSpanId());
    assertThat(jiraCall.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNotNull();

    // Jira was told the trace, and which span called it
    List<String> traceparents = jira.getAllServeEvents().stream().map(ServeEvent::getRequest)
        .map(r -> r.getHeader("traceparent")).toList();
    assertThat(traceparents).as("traceparent headers Jira received")
        .anyMatch(h -> h != null && h.startsWith("00-" + jiraCall.getTraceId() + "-" + jiraCall.getSpanId() + "-"));

    // a command on a running workflow is a trace of its own: the API call, then the signal it sends
    SpanData withdraw = await("the server span of the withdrawal",
        () -> serverSpan("POST", "/api/v1/initiatives/{key}/withdraw"), Optional::isPresent).orElseThrow();
    List<SpanData> command = await("the signal in the withdrawal's trace",
        () -> inTrace(withdraw.getTraceId()), spans -> spans.stream().anyMatch(s -> s.getName().startsWith("SignalWorkflow:")));
    Map<String, SpanData> commandById = command.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
    assertThat(ancestors(single(command, "SignalWorkflow:"), commandById)).as("the signal is within the API call: " + names(command))
        .contains(withdraw.getSpanId());
  }

  private Optional<SpanData> serverSpan(String method, String uri) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.SERVER)
        .filter(s -> method.equals(s.getAttributes().get(AttributeKey.stringKey("method")))
            && uri.equals(s.getAttributes().get(AttributeKey.stringKey("uri"))))
        .findFirst();
  }

  private List<SpanData> inTrace(String traceId) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  /** The span ids above {@code span}, nearest first, as far as the trace's finished spans reach. */
  private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
    List<String> ids = new java.util.ArrayList<>();
    for (SpanData parent = byId.get(span.getParentSpanId()); parent != null; parent = byId.get(parent.getParentSpanId())) {
      ids.add(parent.getSpanId());
    }
    return ids;
  }

  private static SpanData single(List<SpanData> trace, String prefix) {
    List<SpanData> named = trace.stream().filter(s -> s.getName().startsWith(prefix)).toList();
    assertThat(named).as(prefix + " spans in " + names(trace)).hasSize(1);
    return named.getFirst();
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(s -> s.getName() + "(" + s.getSpanId() + "<-" + s.getParentSpanId() + ")").toList();
  }
}
