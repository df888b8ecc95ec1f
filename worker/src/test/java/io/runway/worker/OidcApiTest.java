package io.runway.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * runway.auth.mode=oidc over real HTTP: a stand-in identity provider (WireMock) publishes its OpenID
 * configuration and JWK set; tokens are signed with its RSA key. The one extra Spring context of the suite.
 */
@AutoConfigureMetrics
@SpringBootTest(classes = RunwayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "runway.auth.mode=oidc",
        "runway.auth.oidc.audiences=runway-api",
        "runway.auth.oidc.groups-claim=realm_access.roles",
        "runway.auth.oidc.group-mapping.ai-program-office=program-office",
        "runway.auth.oidc.group-mapping.[/ai/security]=security",
        "runway.auth.oidc.client-id=runway-console"})
class OidcApiTest {

  static final WireMockServer IDP = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final RSAKey KEY;
  static final RSAKey OTHER_KEY;

  static {
    try {
      KEY = new RSAKeyGenerator(2048).keyID("runway-test").generate();
      OTHER_KEY = new RSAKeyGenerator(2048).keyID("runway-test").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    IDP.start();
    String issuer = IDP.baseUrl() + "/realms/acme";
    IDP.stubFor(get(urlPathEqualTo("/realms/acme/.well-known/openid-configuration")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs",
             "authorization_endpoint":"%s/protocol/openid-connect/auth","token_endpoint":"%s/protocol/openid-connect/token",
             "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
            .formatted(issuer, issuer, issuer, issuer))));
    IDP.stubFor(get(urlPathEqualTo("/realms/acme/protocol/openid-connect/certs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(new JWKSet(KEY.toPublicJWK()).toString())));
  }

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("runway.auth.oidc.issuer-uri", OidcApiTest::issuer);
  }

  @AfterAll
  static void stopIdp() {
    IDP.stop();
  }

  static String issuer() {
    return IDP.baseUrl() + "/realms/acme";
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  static JWTClaimsSet.Builder claims(String user, List<String> roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer())
        .audience("runway-api")
        .subject("id-" + user)
        .claim("preferred_username", user)
        .claim("realm_access", Map.of("roles", roles))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertUnauthorized(HttpResponse<String> response, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    assertThat(Api.JSON.readTree(response.body()).path("detail").asString()).contains(reason);
  }

  @Test
  void aValidTokenWithMappedGroupsActsAsThatUserInThoseGroups() throws Exception {
    String token = signed(claims("pat.po", List.of("ai-program-office", "offline_access")).build(), KEY);
    String key = ApiTestSupport.uniqueKey("oidc");

    HttpResponse<String> launched = call("POST", "/api/v1/initiatives", token,
        Api.JSON.writeValueAsString(ApiTestSupport.completeLaunch(key, "MINIMAL")));

    assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
    JsonNode view = Api.JSON.readTree(call("GET", "/api/v1/initiatives/" + key, token, null).body());
    assertThat(view.path("launchedBy").asString()).isEqualTo("pat.po");
  }

  @Test
  void anIdpGroupWithSlashesMapsAndARunwayGroupNameMapsToItself() throws Exception {
    String security = signed(claims("sam.sec", List.of("/ai/security")).build(), KEY);
    String auditor = signed(claims("ada.audit", List.of("auditor")).build(), KEY);

    HttpResponse<String> securityLaunches = call("POST", "/api/v1/initiatives", security,
        Api.JSON.writeValueAsString(ApiTestSupport.completeLaunch(ApiTestSupport.uniqueKey("oidc"), "MINIMAL")));
    assertThat(securityLaunches.statusCode()).isEqualTo(403);
    assertThat(Api.JSON.readTree(securityLaunches.body()).path("detail").asString()).contains("sam.sec is in [security]");
    assertThat(call("GET", "/api/v1/webhooks/deliveries", auditor, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/webhooks/deliveries", security, null).statusCode()).isEqualTo(403);
  }

  @Test
  void anOwnerNamedByAUsersAddressIsThatUserOnceTheyHaveSignedIn() throws Exception {
    String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
    String anaMail = "ana." + unique + "@acme.example";
    String samMail = "sam." + unique + "@acme.example";
    String ana = signed(claims("ana-" + unique, List.of("legal")).claim("email", anaMail).build(), KEY);
    String sam = signed(claims("sam-" + unique, List.of("/ai/security")).claim("email", samMail).build(), KEY);
    String otherReviewer = signed(claims("sue-" + unique, List.of("/ai/security")).build(), KEY);
    String programOffice = signed(claims("pat.po", List.of("ai-program-office")).build(), KEY);
    assertThat(call("GET", "/api/v1/tasks", ana, null).statusCode()).as("ana signs in").isEqualTo(200);
    String key = ApiTestSupport.uniqueKey("owned");
    Map<String, Object> body = new java.util.LinkedHashMap<>(ApiTestSupport.completeLaunch(key, "MINIMAL"));
    body.put("owners", Map.of("business", " " + anaMail.toUpperCase(), "technical", samMail, "operations", "nobody.known"));
    assertThat(call("POST", "/api/v1/initiatives", programOffice, Api.JSON.writeValueAsString(body)).statusCode()).isEqualTo(201);

    JsonNode links = Api.JSON.readTree(call("GET", "/api/v1/initiatives/" + key, programOffice, null).body()).path("ownerLinks");
    assertThat(links.get(0).path("user").asString()).isEqualTo("ana-" + unique);
    assertThat(links.get(1).path("user").isNull()).as("sam has not signed in yet").isTrue();
    assertThat(links.get(2).path("user").isNull()).isTrue();
    ApiTestSupport.await(key + " under ana's mine", () -> json("/api/v1/initiatives?mine=true&size=200", ana).path("items"),
        items -> items.valueStream().anyMatch(i -> i.path("key").asString().equals(key)));
    assertThat(Api.JSON.readTree(call("GET", "/api/v1/initiatives?mine=true&size=200", programOffice, null).body())
        .path("items").valueStream().map(i -> i.path("key").asString())).doesNotContain(key);

    // sam owns it by his address: he may not decide its security review, which he could otherwise
    JsonNode task = ApiTestSupport.await("security review of " + key,
        () -> json("/api/v1/tasks?candidateGroup=security&initiativeKey=" + key, sam).path("items"),
        items -> items.size() == 1).get(0);
    String complete = "/api/v1/tasks/" + task.path("id").asString() + "/complete";
    HttpResponse<String> own = call("POST", complete, sam, "{\"decision\":\"REQUEST_CHANGES\",\"comment\":\"mine\"}");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
    assertThat(own.body()).contains("sam-" + unique + " is an owner of " + key);
    assertThat(Api.JSON.readTree(call("GET", "/api/v1/initiatives/" + key, sam, null).body()).path("ownerLinks").get(1)
        .path("user").asString()).as("linked once he has signed in").isEqualTo("sam-" + unique);

    // changes requested by someone else: ana finds the findings task in her inbox and resubmits herself
    assertThat(call("POST", complete, otherReviewer, "{\"decision\":\"REQUEST_CHANGES\",\"comment\":\"add rate limiting\"}")
        .statusCode()).isEqualTo(200);
    JsonNode findings = ApiTestSupport.await("findings in ana's inbox",
        () -> json("/api/v1/tasks?initiativeKey=" + key, ana).path("items"),
        items -> items.valueStream().anyMatch(t -> t.path("kind").asString().equals("ADDRESS_FINDINGS")))
        .valueStream().filter(t -> t.path("kind").asString().equals("ADDRESS_FINDINGS")).findFirst().orElseThrow();
    HttpResponse<String> submitted = call("POST", "/api/v1/tasks/" + findings.path("id").asString() + "/complete", ana,
        "{\"decision\":\"SUBMIT\",\"comment\":\"rate limited\"}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
  }

  private JsonNode json(String path, String token) {
    try {
      return Api.JSON.readTree(call("GET", path, token, null).body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTokenWithNoRunwayGroupIsRefusedEverything() throws Exception {
    HttpResponse<String> response = call("GET", "/api/v1/initiatives", signed(claims("eve", List.of("marketing")).build(), KEY), null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Api.JSON.readTree(response.body()).path("detail").asString()).contains("eve is in no Runway group");
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() throws Exception {
    String token = signed(claims("pat.po", List.of("ai-program-office")).issuer("https://evil.example/realms/acme").build(), KEY);

    assertUnauthorized(call("GET", "/api/v1/initiatives", token, null), "iss");
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    String token = signed(claims("pat.po", List.of("ai-program-office")).audience("another-app").build(), KEY);

    assertUnauthorized(call("GET", "/api/v1/initiatives", token, null), "aud");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    String token = signed(claims("pat.po", List.of("ai-program-office"))
        .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build(), KEY);

    assertUnauthorized(call("GET", "/api/v1/initiatives", token, null), "expired");
  }

  @Test
  void anUnsignedTokenIsRefused() throws Exception {
    String token = new PlainJWT(claims("pat.po", List.of("ai-program-office")).build()).serialize();

    assertUnauthorized(call("GET", "/api/v1/initiatives", token, null), "refused");
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    String token = signed(claims("pat.po", List.of("ai-program-office")).build(), OTHER_KEY);

    assertUnauthorized(call("GET", "/api/v1/initiatives", token, null), "refused");
  }

  @Test
  void noTokenOrDemoCredentialsAreUnauthorized() throws Exception {
    assertUnauthorized(call("GET", "/api/v1/initiatives", null, null), "bearer token");
    HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/initiatives"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("program-office-1:demo".getBytes()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).as("no demo users in oidc mode").isEqualTo(401);
  }
}
