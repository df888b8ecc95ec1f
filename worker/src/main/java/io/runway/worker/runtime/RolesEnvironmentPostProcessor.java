package io.runway.worker.runtime;

import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code runway.roles} into the switches the rest of the app reads, once, before any bean
 * exists: {@code spring.temporal.start-workers} (the Temporal starter builds the workers either way,
 * but polls only when this is true, so an api-only process keeps its WorkflowClient and never takes
 * a task) and {@code runway.role.api} / {@code runway.role.worker} for Runway's own conditions.
 * The derived values take precedence: roles are the one switch, set them rather than these.
 */
public class RolesEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE = "runwayRoles";

  private final Log log;

  public RolesEnvironmentPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(RolesEnvironmentPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    List<String> configured =
        Binder.get(environment)
            .bind(Roles.PROPERTY, Bindable.listOf(String.class))
            .orElse(List.of(Roles.API, Roles.WORKER));
    Roles roles = Roles.parse(configured);
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                SOURCE,
                Map.of(
                    "runway.role.api", roles.api(),
                    "runway.role.worker", roles.worker(),
                    "spring.temporal.start-workers", roles.worker())));
    log.info("Runway roles: " + roles
        + (roles.worker() ? "" : " (no Temporal workers start in this process)")
        + (roles.api() ? "" : " (the REST API is off; only /actuator is served)"));
  }
}
