package io.runway.lifecycle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Workflow code must replay identically: no wall clock, no randomness, no threads, no I/O. The
 * enforcer plugin keeps Spring, JDBC and HTTP clients off the classpath; this keeps the calls out.
 */
class DeterminismArchitectureTest {

  private static final JavaClasses WORKFLOW_CODE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.runway.lifecycle");

  @Test
  void workflowCodeReadsTimeOnlyThroughTheWorkflowClock() {
    noClasses().should()
        .callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.LocalDate.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(java.time.OffsetDateTime.class, "now")
        .orShould().callMethod(java.time.ZonedDateTime.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .because("time in workflow code comes from Workflow.currentTimeMillis(), which replays")
        .check(WORKFLOW_CODE);
  }

  @Test
  void workflowCodeHasNoRandomnessThreadsOrIo() {
    noClasses().should()
        .callMethod(java.util.UUID.class, "randomUUID")
        .orShould().callConstructor(java.util.Random.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net.http..", "java.sql..",
            "java.util.concurrent..", "org.springframework..", "org.slf4j.impl..")
        .because("randomness, threads and I/O differ between the first run and a replay; use Workflow.* and activities")
        .check(WORKFLOW_CODE);
  }
}
