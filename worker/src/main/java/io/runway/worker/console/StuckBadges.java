package io.runway.worker.console;

import io.runway.worker.observability.StuckInitiatives;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The console's initiative list and page show a "stuck" badge for an initiative whose workflow task
 * keeps failing ({@link StuckInitiatives}); nothing when the scan is switched off.
 */
@ControllerAdvice(assignableTypes = InitiativePagesController.class)
class StuckBadges {

  private final ObjectProvider<StuckInitiatives> stuck;

  StuckBadges(ObjectProvider<StuckInitiatives> stuck) {
    this.stuck = stuck;
  }

  @ModelAttribute("stuck")
  Map<String, StuckInitiatives.Stuck> stuck() {
    StuckInitiatives scanner = stuck.getIfAvailable();
    return scanner == null ? Map.of() : scanner.all();
  }
}
