package io.runway.worker.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Errors raised before any controller runs, in problem+json like the rest: URLs Spring Security's
 * firewall refuses (an encoded ';' or '/' in a path), and what Tomcat itself refuses (a request line
 * or headers over the size limit, a malformed request), which would otherwise be an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

  @Bean
  RequestRejectedHandler problemForRejectedUrls(ProblemResponses problems) {
    return (request, response, rejected) -> {
      if (UNKNOWN_METHOD.matcher(String.valueOf(rejected.getMessage())).find()) {
        // a method no endpoint has (FOO, PROPFIND): refused as any other method the address does not take
        response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, OPTIONS");
        problems.write(withHeaders(request, response), HttpStatus.METHOD_NOT_ALLOWED,
            "Method '" + request.getMethod() + "' is not supported: Runway's API answers GET, POST and PUT.");
        return;
      }
      problems.write(withHeaders(request, response), HttpStatus.BAD_REQUEST,
          "Runway refused this URL: " + rejected.getMessage() + ". Percent-encode path values without ';', '/', '\\' "
              + "or control characters, and retry.");
    };
  }

  /** Spring Security's firewall message for a method outside its list of standard ones. */
  private static final java.util.regex.Pattern UNKNOWN_METHOD =
      java.util.regex.Pattern.compile("rejected because the HTTP method .* was not included");

  private static jakarta.servlet.http.HttpServletResponse withHeaders(jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) {
    ResponseHeaders.addTo(response, request.isSecure());
    return response;
  }

  /** After Spring Boot's own customizer, so this valve replaces the one it installs. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReports() {
    return new Customizer();
  }

  private static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(context -> {
        var pipeline = context.getParent().getPipeline();
        for (Valve valve : pipeline.getValves()) {
          if (valve instanceof ErrorReportValve) {
            pipeline.removeValve(valve);
          }
        }
        pipeline.addValve(new ProblemErrorReportValve());
        // the host adds a valve of this class at start unless one is there: name ours, or it adds Tomcat's HTML one
        if (context.getParent() instanceof StandardHost host) {
          host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /** Tomcat's error page as problem+json: status, reason and what to do; never a stack trace or server version. */
  public static final class ProblemErrorReportValve extends ErrorReportValve {
    public ProblemErrorReportValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      String detail = status == 400
          ? "The request could not be read: its request line or headers are malformed or too large (by default at most 8 KiB together)."
          : status >= 500 ? "Runway failed to handle this request; the error is logged. Retry, and report it if it persists."
          : "The request was refused (" + title + ").";
      try {
        ResponseHeaders.addTo(response, request.isSecure());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
              + detail + "\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client is gone or the response was committed meanwhile: nothing left to tell it
      }
    }
  }
}
