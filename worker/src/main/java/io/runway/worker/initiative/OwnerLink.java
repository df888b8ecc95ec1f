package io.runway.worker.initiative;

/**
 * One owner of an initiative as typed at launch ({@code name}, in {@code role} business, technical
 * or operations) and the Runway user it names, by user name or e-mail; {@code user} is null when no
 * user Runway has met matches: the program office then acts for that owner.
 */
public record OwnerLink(String role, String name, String user) {

  public boolean linked() {
    return user != null;
  }
}
