package io.runway.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.servlet.HandlerMapping;

/** How a request becomes an audit record, for the cases the running app cannot produce today. */
class RequestDescriptionsTest {

  private final RequestDescriptions descriptions = new RequestDescriptions();

  @Test
  void aRefusalInsideSpringSecurityAfterAuthenticationNamesTheAuthenticatedUser() {
    // what a role rule in the security chain (hasAuthority) refuses: no controller ran, so only
    // the context that Basic and Bearer authentication leave on the request says who it was
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/initiatives/fraud-scoring/withdraw");
    var user = UsernamePasswordAuthenticationToken.authenticated("legal-1", null,
        AuthorityUtils.createAuthorityList("legal", "security", "ROLE_SOMETHING_ELSE"));
    request.setAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME, new SecurityContextImpl(user));
    request.setRemoteAddr("10.1.2.3");

    AuditRecord record = descriptions.describe(request, 403);

    assertThat(record.actor()).isEqualTo("legal-1");
    assertThat(record.actorRoles()).isEqualTo("legal,security");
    assertThat(record.sourceAddress()).isEqualTo("10.1.2.3");
    assertThat(record.action()).isEqualTo("POST /api/v1/initiatives/fraud-scoring/withdraw");
    assertThat(record.outcome()).isEqualTo("FORBIDDEN");
  }

  @Test
  void aTaskRouteNamesItsInitiativeAndItsTask() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/tasks/fraud-scoring.security-review.2/complete");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/tasks/{id}/complete");
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "fraud-scoring.security-review.2"));
    request.setAttribute(AuditNotes.DETAIL, "decision REJECT");

    AuditRecord record = descriptions.describe(request, 409);

    assertThat(record.initiativeKey()).isEqualTo("fraud-scoring");
    assertThat(record.action()).isEqualTo("POST /api/v1/tasks/{id}/complete");
    assertThat(record.detail()).isEqualTo("decision REJECT; id fraud-scoring.security-review.2");
    assertThat(record.outcome()).isEqualTo("CONFLICT");
    assertThat(record.actor()).isEqualTo("anonymous");
  }

  @Test
  void aRouteWhoseVariableCarriesARegexIsNamedWithoutIt() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/webhooks/jira");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/webhooks/{source:(?!deliveries$).+}/{id:\\d{3}}");
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("source", "jira", "id", "123"));

    assertThat(descriptions.describe(request, 401).action()).isEqualTo("POST /api/v1/webhooks/{source}/{id}");
  }

  @Test
  void refusedBasicCredentialsNameTheClaimedUserButNeverThePassword() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/info");
    request.addHeader("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString("admin-1:hunter2".getBytes(StandardCharsets.UTF_8)));

    AuditRecord record = descriptions.describe(request, 401);

    assertThat(record.detail()).isEqualTo("credentials of 'admin-1' refused");
    assertThat(record.toString()).doesNotContain("hunter2");
  }

  @Test
  void outcomesFollowTheStatus() {
    assertThat(RequestDescriptions.outcome(201)).isEqualTo("ACCEPTED");
    assertThat(RequestDescriptions.outcome(401)).isEqualTo("UNAUTHENTICATED");
    assertThat(RequestDescriptions.outcome(404)).isEqualTo("NOT_FOUND");
    assertThat(RequestDescriptions.outcome(422)).isEqualTo("REJECTED");
    assertThat(RequestDescriptions.outcome(499)).isEqualTo("REJECTED");
    assertThat(RequestDescriptions.outcome(503)).isEqualTo("FAILED");
  }
}
