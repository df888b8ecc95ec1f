package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.security.SecurityHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe's informational findings as Runway decided them (docs/security.md): the session cookie is
 * SameSite=Lax, redirects never echo the Host header, answers given before Spring Security (the body
 * limit's 413, Tomcat's own 400) carry the security headers, and the sign-in page says nothing a link
 * put in it. Raw HTTP, because a client library will not send a forged Host or an oversized header.
 */
class EdgeDecisionsTest extends ApiTestSupport {

  private record Raw(int status, String head, String body) {
    String header(String name) {
      Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(head);
      return m.find() ? m.group(1).trim() : null;
    }

    List<String> headers(String name) {
      Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(head);
      List<String> values = new java.util.ArrayList<>();
      while (m.find()) {
        values.add(m.group(1).trim());
      }
      return values;
    }
  }

  private Raw send(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        answer.write(buffer, 0, n);
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      return new Raw(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : text.substring(split + 4));
    }
  }

  @Test
  void theSessionCookieIsSameSiteLaxAndHttpOnly() throws IOException {
    Raw login = send("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    String cookie = login.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    assertThat(cookie.toLowerCase(Locale.ROOT)).contains("samesite=lax").contains("httponly");
  }

  @Test
  void redirectsAreRelativeWhateverHostTheRequestNames() throws IOException {
    Raw toLogin = send("GET /console/inbox HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    Raw home = send("GET / HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n");

    assertThat(toLogin.status()).isEqualTo(302);
    assertThat(toLogin.header("Location")).isEqualTo("/login");
    assertThat(home.status()).isEqualTo(302);
    assertThat(home.header("Location")).doesNotContain("evil.example").startsWith("/");
  }

  @Test
  void answersGivenBeforeSpringSecurityCarryTheSecurityHeaders() throws IOException {
    Raw tooLarge = send("POST /api/v1/initiatives HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: 900000\r\nConnection: close\r\n\r\n{}");
    Raw headerTooLarge = send("GET /api/v1/initiatives HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(10_000)
        + "\r\nConnection: close\r\n\r\n");

    for (Raw refused : List.of(tooLarge, headerTooLarge)) {
      assertThat(refused.status()).isIn(413, 400);
      assertThat(refused.header("Content-Security-Policy")).as(refused.head()).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
      assertThat(refused.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(refused.header("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(refused.header("Permissions-Policy")).isEqualTo(SecurityHeaders.PERMISSIONS_POLICY);
    }
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(headerTooLarge.status()).isEqualTo(400);
  }

  @Test
  void theSignInPageShowsOnlyANumberOfSecondsFromItsLink() throws IOException {
    Raw spoofed = send("GET /login?throttled=CALL%20the%20helpdesk%20on%20555-0100 HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\n\r\n");
    Raw throttled = send("GET /login?throttled=42 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertThat(spoofed.status()).isEqualTo(200);
    assertThat(spoofed.body()).doesNotContain("helpdesk").doesNotContain("Too many failed sign-ins");
    assertThat(throttled.body()).contains("Try again in 42 seconds.");
  }
}
