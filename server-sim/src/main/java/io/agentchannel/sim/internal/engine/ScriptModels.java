package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.refusal.SimError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Finds the scenarios {@code script:<name>} models replay. A scenario {@code <name>} is the file
 * {@code <name>.json} in the configured directory, else the class path resource {@code
 * sim-scenarios/<name>.json}, so a directory can override a bundled scenario. Scenario files are
 * described by {@link Scenario}.
 *
 * <p>A name is 1 to {@value #MAX_NAME_LENGTH} characters among {@code A-Z a-z 0-9 _ - .}, not
 * starting with a dot, so it can never leave the directory.
 *
 * <p>A scenario is read and checked once, on the first request naming it, on that request's thread,
 * and kept for the life of the server: edits to a file that loaded are not seen until restart. A
 * name that fails (unknown, unreadable or invalid) is not remembered, so a file added or fixed
 * later is found by the next request. Thread-safe: two requests racing on a first load may both
 * read the file, and one result is kept.
 */
public final class ScriptModels {

  /** The class path folder bundled scenarios are read from. */
  public static final String RESOURCE_DIRECTORY = "sim-scenarios";

  /** The longest scenario name accepted. */
  public static final int MAX_NAME_LENGTH = 128;

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0," + (MAX_NAME_LENGTH - 1) + "}");

  private final Path directory;
  private final ConcurrentMap<String, ScriptModel> models = new ConcurrentHashMap<>();

  /**
   * @param directory where scenario files are read from, or {@code null} for the class path only
   */
  public ScriptModels(Path directory) {
    this.directory = directory;
  }

  /**
   * The model replaying the scenario {@code name}.
   *
   * @throws SimError a 400 naming the model when {@code name} is not a valid scenario name or no
   *     scenario has it; a 500 {@code server_error} naming the file and the problem when the
   *     scenario cannot be read or is invalid
   */
  public SimModel model(String name) {
    if (!NAME.matcher(name).matches()) {
      throw SimError.invalidRequest(
          "invalid_value",
          "Invalid model '"
              + Models.SCRIPT_PREFIX
              + name
              + "': a scenario name is 1 to "
              + MAX_NAME_LENGTH
              + " of the characters A-Z, a-z, 0-9, '_', '-' and '.', not starting with '.'.",
          "model");
    }
    ScriptModel cached = models.get(name);
    if (cached != null) {
      return cached;
    }
    ScriptModel loaded = new ScriptModel(load(name));
    ScriptModel raced = models.putIfAbsent(name, loaded);
    return raced != null ? raced : loaded;
  }

  private Scenario load(String name) {
    String fileName = name + ".json";
    if (directory != null) {
      Path file = directory.resolve(fileName);
      if (Files.isRegularFile(file)) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
          return parse(name, source, in);
        } catch (IOException e) {
          throw unreadable(source, e);
        }
      }
    }
    String resource = RESOURCE_DIRECTORY + "/" + fileName;
    String source = "class path resource " + resource;
    try (InputStream in = ScriptModels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        return parse(name, source, in);
      }
    } catch (IOException e) {
      throw unreadable(source, e);
    }
    throw SimError.invalidRequest(
        "model_not_found",
        "The model '"
            + Models.SCRIPT_PREFIX
            + name
            + "' does not exist: "
            + (directory == null
                ? "no scenario directory is configured and"
                : "no file " + fileName + " in " + directory + " and")
            + " no class path resource "
            + resource
            + ".",
        "model");
  }

  private static Scenario parse(String name, String source, InputStream in) throws IOException {
    byte[] json = in.readNBytes(ScenarioReader.MAX_BYTES + 1);
    try {
      return ScenarioReader.read(name, source, json);
    } catch (ScenarioReader.InvalidScenarioException e) {
      throw serverError(e.getMessage());
    }
  }

  private static SimError unreadable(String source, IOException e) {
    return serverError("Scenario " + source + " cannot be read: " + e + ".");
  }

  private static SimError serverError(String message) {
    return new SimError(500, "server_error", "server_error", message, null);
  }
}
