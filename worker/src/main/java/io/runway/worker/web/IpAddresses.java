package io.runway.worker.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without a name lookup: a dotted IPv4 address of four numbers 0-255, or
 * an IPv6 address (no zone). What the audit trail stores as a source address and what a forwarded
 * header must hold to be believed; anything else is not an address.
 */
public final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpAddresses() {}

  /** {@code text} as an address in its usual written form ({@code 2001:db8:0:0:0:0:0:1}), or empty. */
  public static Optional<String> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String candidate = text.strip();
    boolean v4 = IPV4.matcher(candidate).matches();
    boolean v6 = !v4 && candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // a literal: getByName parses it and looks nothing up
      return Optional.of(InetAddress.getByName(v6 ? "[" + candidate + "]" : candidate).getHostAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
