package io.agentchannel.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Validates and normalises the base URL that transports append {@code /responses} to. */
public final class BaseUrls {

  public static final String EXAMPLE = "https://api.openai.com/v1";

  private BaseUrls() {}

  /**
   * An absolute {@code http}/{@code https} URI with a host, scheme and host in lower case, and no
   * trailing slash, so {@code base + "/responses"} is always right.
   *
   * @throws IllegalArgumentException with the reason only
   */
  public static URI normalize(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("the value is blank");
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI (" + e.getReason() + ")");
    }
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("not an absolute URL: it needs http:// or https://");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("the scheme must be http or https");
    }
    if (uri.isOpaque()) {
      throw new IllegalArgumentException("not a hierarchical URL (expected " + scheme + "://host)");
    }
    if (uri.getHost() == null) {
      // java.net.URI leaves the host null for names it cannot parse, e.g. with an underscore.
      throw new IllegalArgumentException(
          "it has no host that can be parsed (host names may use letters, digits, '-' and '.')");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "it must not carry user info: credentials belong in " + ConfigKeys.API_KEY);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "it must not have a query or fragment: transports append paths to it");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    String normalized =
        scheme
            + "://"
            + uri.getHost().toLowerCase(Locale.ROOT)
            + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
            + path.substring(0, end);
    return URI.create(normalized);
  }
}
