package io.runway.worker;

import static io.runway.worker.ApiTestSupport.assertProblem;
import static io.runway.worker.ApiTestSupport.await;
import static io.runway.worker.ApiTestSupport.completeLaunch;
import static io.runway.worker.ApiTestSupport.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration.WorkerFactoryStarter;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out roles: two Runway processes in one JVM against the same Temporal server (a test server
 * bound to a real gRPC port) and the same PostgreSQL, as two replicas would run. The api instance
 * acknowledges the launch and starts the workflow but polls nothing; the worker instance serves no
 * API and runs the workflow, whose projection the api instance then reads.
 */
class RolesTest {

  static EmbeddedPostgres postgres;
  static TestServer.PortBoundTestServer temporal;
  static int temporalPort;
  static ConfigurableApplicationContext workerInstance;
  private static final String SHARED_CODEC_KEY = randomCodecKey();
  static ConfigurableApplicationContext apiInstance;

  @BeforeAll
  static void startBoth() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    temporalPort = freePort();
    // lockTimeSkipping=true: real time, as a real server keeps it, for two clients that do not coordinate
    temporal = TestServer.createPortBoundServer(temporalPort, true);
    // the worker first: it runs the migrations, as the first replica to start does
    workerInstance = start("worker");
    apiInstance = start("api");
  }

  @AfterAll
  static void stopBoth() throws IOException {
    for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {apiInstance, workerInstance}) {
      if (instance != null) {
        instance.close();
      }
    }
    if (temporal != null) {
      temporal.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String randomCodecKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  /** The embedded profile (demo users) on shared infrastructure: its own test server and database switched off. */
  private static ConfigurableApplicationContext start(String roles) {
    return new SpringApplicationBuilder(RunwayApplication.class)
        .run(
            "--runway.roles=" + roles,
            "--server.port=0",
            "--spring.profiles.active=embedded",
            "--spring.temporal.test-server.enabled=false",
            "--spring.temporal.connection.target=localhost:" + temporalPort,
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres",
            // replicas share their payload keys, or one cannot read what the other wrote
            "--runway.codec.keys=roles-test:" + SHARED_CODEC_KEY);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theApiInstanceLaunchesAndTheWorkerInstanceExecutes() {
    Api api = client(apiInstance);
    Api worker = client(workerInstance);

    // the api instance has the workers built (the starter always builds them) but never starts them
    assertThat(apiInstance.getBeansOfType(WorkerFactoryStarter.class)).isEmpty();
    assertThat(apiInstance.getBean(WorkerFactory.class).isStarted()).as("api instance polls Temporal").isFalse();
    assertThat(workerInstance.getBean(WorkerFactory.class).isStarted()).as("worker instance polls Temporal").isTrue();

    // the worker instance serves actuator and nothing else
    Api.Response notServed = worker.get("auditor-1", "/api/v1/initiatives");
    assertProblem(notServed, 404);
    assertThat(notServed.detail()).contains("worker role only");
    assertProblem(worker.post(ApiTestSupport.PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch("k", "LIMITED")), 404);
    assertThat(worker.get(null, "/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200);

    // launched through the api instance, executed by the worker instance, read back through the api instance
    String key = uniqueKey("roles");
    Api.Response launched = api.post(ApiTestSupport.PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch(key, "LIMITED"));
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    JsonNode task = openTask(api, key, "SECURITY_REVIEW");

    // an update sent by the api instance is handled by the workflow on the worker instance
    Api.Response claimed = api.post("security-1", "/api/v1/tasks/" + task.path("id").asString() + "/claim", "");
    assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
    assertThat(claimed.json().path("assignee").asString()).isEqualTo("security-1");
  }

  private static JsonNode openTask(Api api, String key, String gate) {
    JsonNode view =
        await(gate + " task of " + key, () -> api.get("auditor-1", "/api/v1/initiatives/" + key).json(),
            initiative -> findOpen(initiative, gate) != null);
    return findOpen(view, gate);
  }

  private static JsonNode findOpen(JsonNode view, String gate) {
    for (JsonNode task : view.path("tasks")) {
      if (gate.equals(task.path("gate").asString()) && "OPEN".equals(task.path("status").asString())) {
        return task;
      }
    }
    return null;
  }

  private static Api client(ConfigurableApplicationContext instance) {
    return new Api(instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
