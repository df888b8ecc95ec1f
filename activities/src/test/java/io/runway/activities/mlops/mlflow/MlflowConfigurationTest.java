package io.runway.activities.mlops.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.activity.MlopsActivities;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Choosing MLflow is a configuration change, and a missing setting stops start-up saying which. */
class MlflowConfigurationTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ScanMlops.class)
      .withPropertyValues("runway.mlops.provider=mlflow");

  @Configuration(proxyBeanMethods = false)
  @ComponentScan("io.runway.activities.mlops")
  static class ScanMlops {}

  @Test
  void theMlflowProviderServesTheMlopsActivities() {
    context.withPropertyValues("runway.mlflow.tracking-uri=http://mlflow:5000", "runway.mlflow.timeout=3s").run(app -> {
      assertThat(app).hasNotFailed();
      assertThat(app).getBean("mlopsActivities", MlopsActivities.class).isInstanceOf(MlflowMlopsActivities.class);
      assertThat(app.getBean(MlflowProperties.class).timeout()).hasSeconds(3);
    });
  }

  @Test
  void withoutATrackingUriStartUpFailsNamingTheSetting() {
    // the worker's application.yml passes an unset RUNWAY_MLFLOW_TRACKING_URI on as an empty value
    context.withPropertyValues("runway.mlflow.tracking-uri=").run(app -> assertThat(app).hasFailed().getFailure().rootCause()
        .hasMessageContaining("runway.mlflow.tracking-uri (env RUNWAY_MLFLOW_TRACKING_URI)"));
  }
}
