package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Who reaches actuator in the external profile: health and Prometheus answer without credentials on
 * the management port only (RUNWAY_MANAGEMENT_PORT, kept off public networks), never on the port that
 * serves the API. The external profile runs here against a Temporal test server on a real gRPC port
 * and an embedded PostgreSQL, as it would against a real cluster.
 */
class ActuatorExposureTest {

  static EmbeddedPostgres postgres;
  static TestServer.PortBoundTestServer temporal;
  static ConfigurableApplicationContext app;
  static int managementPort;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startExternalProfile() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    int temporalPort = freePort();
    temporal = TestServer.createPortBoundServer(temporalPort, true);
    managementPort = freePort();
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    app = new SpringApplicationBuilder(RunwayApplication.class)
        .profiles("external")
        .run(
            "--server.port=0",
            // the variable the external profile reads (default 8081); a free port here
            "--RUNWAY_MANAGEMENT_PORT=" + managementPort,
            "--TEMPORAL_ADDRESS=localhost:" + temporalPort,
            "--RUNWAY_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--RUNWAY_DB_USER=postgres",
            "--RUNWAY_DB_MIGRATION_USER=postgres",
            "--RUNWAY_AUDIT_REQUIRE_APPEND_ONLY_ROLE=false",
            // oidc (the external default): the provider is only asked when a token or a sign-in arrives
            "--runway.auth.oidc.issuer-uri=http://127.0.0.1:1/realms/none",
            "--runway.auth.oidc.audiences=runway-api",
            "--runway.auth.oidc.client-id=runway-console",
            "--runway.codec.keys=actuator-test:" + Base64.getEncoder().encodeToString(key));
  }

  @AfterAll
  static void stop() throws IOException {
    if (app != null) {
      app.close();
    }
    if (temporal != null) {
      temporal.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void healthAndPrometheusAnswerWithoutCredentialsOnTheManagementPortOnly() throws Exception {
    int apiPort = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    assertThat(managementPort).isNotEqualTo(apiPort);

    HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("runway_initiatives");
    assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    // everything else actuator offers needs a user, as the API does
    assertThat(get(managementPort, "/actuator/info").statusCode()).isEqualTo(401);
    // the management port serves nothing of the API (the security chain asks for a user first)
    assertThat(get(managementPort, "/api/v1/initiatives").statusCode()).isIn(401, 404);

    // the API's port shows no actuator at all
    assertThat(get(apiPort, "/actuator/prometheus").statusCode()).isEqualTo(404);
    assertThat(get(apiPort, "/actuator/health/readiness").statusCode()).isEqualTo(404);
    assertThat(get(apiPort, "/api/v1/initiatives").statusCode()).as("the API itself needs a token").isEqualTo(401);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
