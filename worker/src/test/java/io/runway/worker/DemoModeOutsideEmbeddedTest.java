package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The real start-up path refuses demo users outside the embedded profile before touching a database or Temporal. */
class DemoModeOutsideEmbeddedTest {

  @Test
  void theExternalProfileWithDemoUsersDoesNotStart() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(RunwayApplication.class)
            .profiles("external")
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off")
            .run("--runway.auth.mode=demo"))
        .hasStackTraceContaining("runway.auth.mode=demo is only allowed in the embedded profile");
  }
}
