package io.runway.worker.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthModeCheckTest {

  @Test
  void refusesDemoUsersOutsideTheEmbeddedProfileSayingWhatToSetInstead() {
    assertThatThrownBy(() -> AuthModeCheck.check("demo", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runway.auth.mode=demo is only allowed in the embedded profile")
        .hasMessageContaining("RUNWAY_AUTH_MODE=oidc");
  }

  @Test
  void allowsDemoUsersInTheEmbeddedProfileAndOidcAnywhere() {
    assertThatCode(() -> AuthModeCheck.check("demo", true)).doesNotThrowAnyException();
    assertThatCode(() -> AuthModeCheck.check("oidc", false)).doesNotThrowAnyException();
    assertThatCode(() -> AuthModeCheck.check("oidc", true)).doesNotThrowAnyException();
  }

  @Test
  void refusesAnUnknownModeNamingTheChoices() {
    assertThatThrownBy(() -> AuthModeCheck.check("basic", true)).hasMessageContaining("use oidc").hasMessageContaining("or demo");
  }
}
