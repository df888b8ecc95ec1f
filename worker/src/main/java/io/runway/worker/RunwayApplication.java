package io.runway.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runway: the Temporal worker for the initiative lifecycle and the REST API in front of it. */
@SpringBootApplication(scanBasePackages = "io.runway")
public class RunwayApplication {

  public static void main(String[] args) {
    SpringApplication.run(RunwayApplication.class, args);
  }
}
