package io.runway.activities.users;

import io.runway.activities.jdbc.PgValues;
import io.runway.lifecycle.model.Actor;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code user_directory}. A name someone typed (an owner, a candidate user, a notification's
 * {@code user:} recipient) is linked to the user whose user name or e-mail it is, compared as
 * {@link Actor#normalized} compares them; the user name wins over another user's e-mail.
 */
@Repository
public class UserDirectory {

  /** A user as their identity provider (or the demo set-up) described them when last seen. */
  public record User(String username, String email, String displayName, List<String> groups, String source,
      Instant lastSeenAt) {}

  private static final String COLUMNS = "username, email, display_name, groups, source, last_seen_at";

  private final JdbcClient jdbc;

  public UserDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a sign-in (or a demo user at start-up): new users are added, known ones refreshed. */
  public void seen(String username, String email, String displayName, Collection<String> groups, String source) {
    jdbc.sql("""
            insert into user_directory (username, email, display_name, groups, source)
            values (:username, :email, :displayName, :groups, :source)
            on conflict (username) do update set email = excluded.email, display_name = excluded.display_name,
                groups = excluded.groups, source = excluded.source, last_seen_at = now()""")
        .param("username", username)
        .param("email", blankToNull(email))
        .param("displayName", blankToNull(displayName))
        .param("groups", PgValues.textArray(groups.stream().sorted().toList()))
        .param("source", source)
        .update();
  }

  /** The user a typed name links to, if any. */
  public Optional<User> linked(String name) {
    return Optional.ofNullable(linked(name == null ? List.of() : List.of(name)).get(name));
  }

  /** Typed name -> the user it links to, for every name that links to one, in one query. */
  public Map<String, User> linked(Collection<String> names) {
    Map<String, String> byNormalized = new LinkedHashMap<>();
    names.stream().filter(Objects::nonNull).forEach(n -> {
      String normalized = Actor.normalized(n);
      if (normalized != null) {
        byNormalized.putIfAbsent(normalized, n);
      }
    });
    Map<String, User> linked = new LinkedHashMap<>();
    if (byNormalized.isEmpty()) {
      return linked;
    }
    String[] wanted = byNormalized.keySet().toArray(String[]::new);
    Map<String, User> byUsername = new LinkedHashMap<>();
    Map<String, User> byEmail = new LinkedHashMap<>();
    jdbc.sql("select " + COLUMNS + " from user_directory where lower(username) = any(?) or lower(email) = any(?)"
            + " order by username")
        .params(wanted, wanted)
        .query((rs, n) -> user(rs))
        .list()
        .forEach(user -> {
          byUsername.putIfAbsent(Actor.normalized(user.username()), user);
          if (user.email() != null) {
            byEmail.putIfAbsent(Actor.normalized(user.email()), user);
          }
        });
    names.stream().filter(Objects::nonNull).forEach(name -> {
      String normalized = Actor.normalized(name);
      User user = normalized == null ? null : byUsername.getOrDefault(normalized, byEmail.get(normalized));
      if (user != null) {
        linked.put(name, user);
      }
    });
    return linked;
  }

  /** The user with this exact user name. */
  public Optional<User> user(String username) {
    return jdbc.sql("select " + COLUMNS + " from user_directory where username = ?").param(username)
        .query((rs, n) -> user(rs)).optional();
  }

  /** Every name that points at the user: their user name and e-mail, as {@link Actor#identities} gives them. */
  public Set<String> identities(String username) {
    return user(username).map(u -> new Actor(u.username(), Set.of(), u.email()).identities())
        .orElseGet(() -> new Actor(username, Set.of()).identities());
  }

  private static User user(ResultSet rs) throws SQLException {
    Array groups = rs.getArray(4);
    return new User(rs.getString(1), rs.getString(2), rs.getString(3),
        groups == null ? List.of() : Arrays.asList((String[]) groups.getArray()), rs.getString(5),
        rs.getTimestamp(6).toInstant());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
