package io.runway.activities.http;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * The OpenTelemetry that vendor calls report to when an adapter does not pass one to
 * {@link VendorHttp}. The application installs its SDK here at start-up (so the adapters, which are
 * built from their properties alone, need no tracing parameter); until then, and in plain unit
 * tests, it is the no-op OpenTelemetry: no spans, no {@code traceparent} header. It is read on every
 * call, not when an adapter is built, so the order in which beans are created does not matter.
 */
public final class VendorTracing {

  private static volatile OpenTelemetry installed = OpenTelemetry.noop();

  private VendorTracing() {}

  /** Makes {@code openTelemetry} the one vendor calls report to. */
  public static void install(OpenTelemetry openTelemetry) {
    installed = Objects.requireNonNull(openTelemetry, "openTelemetry");
  }

  /** Goes back to no tracing, unless another application installed its own since. */
  public static void uninstall(OpenTelemetry openTelemetry) {
    if (installed == openTelemetry) {
      installed = OpenTelemetry.noop();
    }
  }

  public static OpenTelemetry current() {
    return installed;
  }
}
