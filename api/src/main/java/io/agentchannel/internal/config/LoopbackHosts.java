package io.agentchannel.internal.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a URL's host is this machine, decided from the text alone: {@code localhost}, an address
 * in {@code 127.0.0.0/8}, or {@code ::1}. No name is ever resolved, so the answer costs no DNS
 * round trip and cannot be steered by a resolver.
 */
public final class LoopbackHosts {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private LoopbackHosts() {}

  /**
   * @param host as {@link java.net.URI#getHost()} gives it: IPv6 literals in brackets
   */
  public static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    var v4 = IPV4.matcher(h);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return Integer.parseInt(v4.group(1)) == 127;
    }
    if (h.startsWith("[") && h.endsWith("]") && h.indexOf(':') >= 0) {
      try {
        // A bracketed literal: InetAddress parses it without a lookup. Handles every spelling
        // of ::1 and IPv4-mapped loopback (::ffff:127.0.0.1).
        return InetAddress.getByName(h).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
