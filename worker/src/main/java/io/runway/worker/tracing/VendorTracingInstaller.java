package io.runway.worker.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.runway.activities.http.VendorTracing;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Hands the application's OpenTelemetry (the SDK Spring Boot configures, the same one Temporal's
 * tracing interceptors use) to the vendor HTTP client, so an adapter's calls are spans of the activity
 * that makes them. Without an OpenTelemetry bean (tracing switched off) vendor calls stay untraced.
 */
@Component
class VendorTracingInstaller implements SmartInitializingSingleton, DisposableBean {

  private final ObjectProvider<OpenTelemetry> openTelemetry;
  private OpenTelemetry installed;

  VendorTracingInstaller(ObjectProvider<OpenTelemetry> openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  @Override
  public void afterSingletonsInstantiated() {
    installed = openTelemetry.getIfAvailable();
    if (installed != null) {
      VendorTracing.install(installed);
    }
  }

  @Override
  public void destroy() {
    if (installed != null) {
      VendorTracing.uninstall(installed);
    }
  }
}
