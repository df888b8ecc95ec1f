package io.runway.worker.security;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The demo users of the embedded profile: two per group, {@code <group>-1} and {@code <group>-2},
 * each a member of that group only. The start-up banner and the README list them from here.
 */
public final class DemoUsers {

  public static final String PASSWORD = "demo";

  public record DemoUser(String username, String group) {}

  private static final List<DemoUser> ALL =
      Groups.ALL.stream()
          .flatMap(group -> IntStream.rangeClosed(1, 2).mapToObj(n -> new DemoUser(group + "-" + n, group)))
          .toList();

  private DemoUsers() {}

  public static List<DemoUser> all() {
    return ALL;
  }
}
