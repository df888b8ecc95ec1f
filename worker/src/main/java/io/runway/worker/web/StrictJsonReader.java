package io.runway.worker.web;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one strict reader ({@link StrictJson}) for everything sent from outside as JSON: request bodies
 * (through the MVC converter) and the rows of an imported file, so a launch is refused or accepted the
 * same way whichever door it comes through. A holder rather than a second {@code JsonMapper} bean:
 * the application's own mapper stays the one injected by type.
 */
@Component
public class StrictJsonReader {

  private final JsonMapper mapper;

  StrictJsonReader(JsonMapper application) {
    this.mapper = StrictJson.strict(application);
  }

  public JsonMapper mapper() {
    return mapper;
  }
}
