package io.runway.worker.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads who a token speaks for: the username from a configured claim (falling back to {@code sub}),
 * and the Runway groups from a configured groups claim, which may be nested ({@code realm_access.roles})
 * and whose values are mapped to Runway group names. Values that map to no Runway group are dropped.
 */
final class IdentityClaims {

  private final String groupsClaim;
  private final String usernameClaim;
  private final Map<String, String> mapping;

  IdentityClaims(AuthProperties.Oidc oidc) {
    this.groupsClaim = oidc.groupsClaim();
    this.usernameClaim = oidc.usernameClaim();
    this.mapping = Map.copyOf(oidc.groupMapping());
    mapping.forEach((idpGroup, runwayGroup) -> {
      if (!Groups.ALL.contains(runwayGroup)) {
        throw new IllegalStateException("runway.auth.oidc.group-mapping maps '" + idpGroup + "' to '" + runwayGroup
            + "', which is not a Runway group; use one of " + Groups.ALL);
      }
    });
  }

  String username(Map<String, Object> claims) {
    Object name = claims.get(usernameClaim);
    if (name instanceof String s && !s.isBlank()) {
      return s;
    }
    Object sub = claims.get("sub");
    return sub == null ? null : sub.toString();
  }

  Set<String> runwayGroups(Map<String, Object> claims) {
    Set<String> groups = new LinkedHashSet<>();
    values(find(claims, groupsClaim)).forEach(value -> {
      String mapped = mapping.get(value);
      if (mapped != null) {
        groups.add(mapped);
      } else if (Groups.ALL.contains(value)) {
        groups.add(value);
      }
    });
    return groups;
  }

  /** The claim as named; failing that, a dotted path into nested objects (Keycloak's realm_access.roles). */
  private static Object find(Map<String, Object> claims, String name) {
    if (claims.containsKey(name)) {
      return claims.get(name);
    }
    Object current = claims;
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static Stream<String> values(Object claim) {
    if (claim instanceof Collection<?> many) {
      return many.stream().filter(v -> v != null).map(Object::toString);
    }
    if (claim instanceof String one) {
      return Stream.of(one.split("[\\s,]+")).filter(s -> !s.isBlank());
    }
    return List.<String>of().stream();
  }
}
