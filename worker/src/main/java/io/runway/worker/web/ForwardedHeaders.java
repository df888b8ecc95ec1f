package io.runway.worker.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * X-Forwarded-* headers are believed only from {@code runway.http.trusted-proxies}, and only when
 * they hold what they claim: an address is an IP literal, a host a host name. Spring Boot's own
 * support (server.forward-headers-strategy) is off: its default trusted every private and loopback
 * address, so any client on the network could forge the address the audit trail records and the
 * scheme that decides HSTS. Tomcat's RemoteIpValve does the work, at the connector, so a proxied
 * HTTPS request is secure everywhere (its session cookie included).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpEdgeProperties.class)
class ForwardedHeaders {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxyHeaders(HttpEdgeProperties edge) {
    List<NetMask> proxies = proxies(edge.trustedProxies());
    return factory -> {
      if (!proxies.isEmpty()) {
        factory.addEngineValves(new TrustedProxyValve(proxies));
      }
    };
  }

  /** Each entry an address or CIDR range; anything else stops the start with the entry named. */
  static List<NetMask> proxies(List<String> entries) {
    List<NetMask> masks = new ArrayList<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String address = trimmed.contains("/") ? trimmed.substring(0, trimmed.indexOf('/')) : trimmed;
      if (IpAddresses.parse(address).isEmpty()) {
        throw new IllegalArgumentException("runway.http.trusted-proxies: '" + trimmed
            + "' is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)");
      }
      try {
        masks.add(new NetMask(trimmed.contains("/") ? trimmed : trimmed + (trimmed.contains(":") ? "/128" : "/32")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("runway.http.trusted-proxies: '" + trimmed + "' is not a CIDR range: " + e.getMessage());
      }
    }
    return List.copyOf(masks);
  }

  /** Tomcat's valve for the configured proxies, after dropping forwarded values that are not what they claim. */
  static final class TrustedProxyValve extends RemoteIpValve {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxyValve.class);
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final List<NetMask> proxies;

    TrustedProxyValve(List<NetMask> proxies) {
      this.proxies = proxies;
      setInternalProxies(String.join(", ", proxies.stream().map(NetMask::toString).toList()));
      setRemoteIpHeader("X-Forwarded-For");
      setProtocolHeader("X-Forwarded-Proto");
      setHostHeader("X-Forwarded-Host");
      setPortHeader("X-Forwarded-Port");
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      if (fromProxy(request.getRemoteAddr())) {
        keepAddressesOnly(request);
        dropUnless(request, "X-Forwarded-Host", value -> HOST.matcher(value.strip()).matches());
        dropUnless(request, "X-Forwarded-Port", value -> PORT.matcher(value.strip()).matches());
      }
      super.invoke(request, response);
    }

    private boolean fromProxy(String address) {
      try {
        InetAddress remote = InetAddress.getByName(IpAddresses.parse(address).orElse("0.0.0.0"));
        return proxies.stream().anyMatch(mask -> mask.matches(remote));
      } catch (UnknownHostException e) {
        return false;
      }
    }

    /**
     * X-Forwarded-For is read from the right (each proxy appends the address it saw): the addresses
     * after the last value that is no address are kept, the rest, whatever a client put in front, is
     * dropped. With none left the request stands for the proxy's own address.
     */
    private static void keepAddressesOnly(Request request) {
      List<String> values = Collections.list(request.getHeaders("X-Forwarded-For")).stream()
          .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).toList();
      int firstKept = values.size();
      while (firstKept > 0 && IpAddresses.parse(values.get(firstKept - 1)).isPresent()) {
        firstKept--;
      }
      if (firstKept == 0) {
        return;
      }
      log.warn("X-Forwarded-For from proxy {} holds something else than addresses; only the last {} value(s) are taken",
          request.getRemoteAddr(), values.size() - firstKept);
      var headers = request.getCoyoteRequest().getMimeHeaders();
      headers.removeHeader("X-Forwarded-For");
      if (firstKept < values.size()) {
        headers.addValue("X-Forwarded-For").setString(String.join(", ", values.subList(firstKept, values.size())));
      }
    }

    /** A header any of whose comma-separated values fails {@code valid} is removed: the request then stands for itself. */
    private static void dropUnless(Request request, String header, java.util.function.Predicate<String> valid) {
      List<String> values = Collections.list(request.getHeaders(header));
      boolean bad = values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).anyMatch(v -> !valid.test(v.strip()));
      if (bad) {
        log.warn("ignoring a {} header from proxy {} that holds something else than it should", header, request.getRemoteAddr());
        request.getCoyoteRequest().getMimeHeaders().removeHeader(header);
      }
    }
  }
}
