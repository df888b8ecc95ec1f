package io.runway.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity provider of the external-profile run. Runway refuses its demo users outside the
 * embedded profile, so the harness does what an OpenID Connect provider does for Runway's API: it
 * serves a JWK set (one RSA key made for this run) on a free localhost port and signs RS256 bearer
 * tokens whose {@code groups} claim names the user's group ({@code security-1} is in {@code security},
 * as with the demo users). Tokens last a day and are minted once per user, so signing costs nothing
 * during the measured phases.
 */
final class BenchIdentity implements AutoCloseable {

  static final String AUDIENCE = "runway-bench";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final KeyPair keys;
  private final HttpServer server;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  private BenchIdentity(KeyPair keys, HttpServer server) {
    this.keys = keys;
    this.server = server;
  }

  static BenchIdentity start() throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + b64(pub.getModulus())
        + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}";
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jwks", exchange -> {
      byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    // discovery, for the console's sign-in (which the benchmark never uses, but the app checks it is configured)
    server.createContext("/.well-known/openid-configuration", exchange -> {
      String base = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
      byte[] body = ("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/jwks\",\"authorization_endpoint\":\"" + base
          + "/authorize\",\"token_endpoint\":\"" + base + "/token\",\"subject_types_supported\":[\"public\"],"
          + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"response_types_supported\":[\"code\"]}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return new BenchIdentity(keys, server);
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String jwkSetUri() {
    return issuer() + "/jwks";
  }

  /** {@code Authorization} header value for a user named {@code <group>-<n>}. */
  String bearer(String user) {
    return tokens.computeIfAbsent(user, this::mint);
  }

  private String mint(String user) {
    String group = user.replaceAll("-\\d+$", "");
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
    String claims = "{\"iss\":\"" + issuer() + "\",\"sub\":\"" + user + "\",\"preferred_username\":\"" + user + "\",\"groups\":[\"" + group + "\"],\"aud\":[\""
        + AUDIENCE + "\"],\"iat\":" + now + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 86_400) + "}";
    String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return "Bearer " + signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return B64.encodeToString(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
