package io.runway.activities.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.testing.PostgresExtension;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(PostgresExtension.class)
class UserDirectoryTest {

  private final UserDirectory directory;

  UserDirectoryTest(DataSource dataSource) {
    this.directory = new UserDirectory(JdbcClient.create(dataSource));
  }

  @Test
  void anOwnerLinksToTheUserWhoseNameOrAddressItIsWhateverItsCase() {
    directory.seen("ana", "ana@acme.example", "Ana Lima", List.of("program-office"), "oidc");
    directory.seen("security-1", null, null, List.of("security"), "demo");

    var linked = directory.linked(List.of(" Ana@ACME.example", "SECURITY-1", "olga.ops", "ana"));

    assertThat(linked).containsOnlyKeys(" Ana@ACME.example", "SECURITY-1", "ana");
    assertThat(linked.get(" Ana@ACME.example").username()).isEqualTo("ana");
    assertThat(linked.get("SECURITY-1").username()).isEqualTo("security-1");
    assertThat(directory.linked("olga.ops")).isEmpty();
  }

  @Test
  void aUserNameWinsOverAnotherUsersAddress() {
    directory.seen("bob@acme.example", null, null, List.of(), "oidc");
    directory.seen("robert", "bob@acme.example", null, List.of(), "oidc");

    assertThat(directory.linked("bob@acme.example")).hasValueSatisfying(u -> assertThat(u.username()).isEqualTo("bob@acme.example"));
  }

  @Test
  void aSecondSignInRefreshesTheAddressAndGroups() {
    directory.seen("ana", "ana@old.example", null, List.of("security"), "oidc");
    directory.seen("ana", "ana@acme.example", "Ana", List.of("security", "legal"), "oidc");

    assertThat(directory.user("ana")).hasValueSatisfying(u -> {
      assertThat(u.email()).isEqualTo("ana@acme.example");
      assertThat(u.groups()).containsExactly("legal", "security");
    });
    assertThat(directory.identities("ana")).containsExactly("ana", "ana@acme.example");
    assertThat(directory.identities("nobody")).containsExactly("nobody");
  }
}
