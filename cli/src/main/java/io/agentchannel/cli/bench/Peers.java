package io.agentchannel.cli.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;

/**
 * The optional peers: the official {@code openai-java} client, present only in a jar built with the
 * {@code peers} Maven profile (its code lives in {@code src/peers/java}). Found by name, so the
 * default build neither compiles nor carries it. Stateless.
 */
final class Peers {

  static final String VERSION = "4.101.0";
  private static final String IMPLEMENTATION = "io.agentchannel.cli.bench.OfficialClients";

  private Peers() {}

  static boolean included() {
    return opener() != null;
  }

  /** {@code official-ws} and {@code official-http} when included, else none. */
  static List<String> ids() {
    return included() ? List.of("official-ws", "official-http") : List.of();
  }

  static Clients open(String id, URI baseUrl, String apiKey, int sessions, int answerTokens)
      throws Exception {
    try {
      return (Clients) opener().invoke(null, id, baseUrl, apiKey, sessions, answerTokens);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static Method opener() {
    try {
      Method open =
          Class.forName(IMPLEMENTATION)
              .getDeclaredMethod(
                  "open", String.class, URI.class, String.class, int.class, int.class);
      open.setAccessible(true);
      return open;
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return null;
    }
  }
}
