package io.runway.worker.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runway.http.*}: whom Runway believes about a request beyond the connection itself.
 * {@code trustedProxies}: addresses or CIDR ranges of the reverse proxies in front of Runway, whose
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port} headers are taken (none by
 * default: every client is taken at its own address). {@code trustedOrigins}: browser origins besides
 * Runway's own (e.g. {@code https://portal.example.com}) allowed to send it state-changing requests.
 */
@ConfigurationProperties("runway.http")
public record HttpEdgeProperties(@DefaultValue List<String> trustedProxies, @DefaultValue List<String> trustedOrigins) {}
