package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.ErrorDetail;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link Scenario} from its JSON text, strictly: every problem (malformed JSON, a duplicate
 * or unknown key, a wrong type, a missing field, a contradiction, an invalid fault directive) is an
 * {@link InvalidScenarioException} whose message names the source and the offending place as a path
 * such as {@code turns[2].output[0].text} (indices from 0). Stateless and thread-safe; a scenario
 * is at most {@value #MAX_BYTES} bytes.
 */
public final class ScenarioReader {

  /** The largest scenario accepted, in bytes. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  /** The {@code code} of a {@code failure} that gives none. */
  public static final String DEFAULT_FAILURE_CODE = "server_error";

  /** The {@code message} of a {@code failure} that gives none: the service's generic one. */
  public static final String DEFAULT_FAILURE_MESSAGE = SimError.SERVER_ERROR_MESSAGE;

  /** The {@code reason} of an incomplete turn that gives none. */
  public static final String DEFAULT_INCOMPLETE_REASON = "max_output_tokens";

  /** The {@code retry_after} of a 429 that gives none, in seconds. */
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final List<String> TOP_KEYS = List.of("name", "description", "turns");
  private static final List<String> TURN_KEYS =
      List.of("output", "status", "reason", "failure", "fault", "error");
  private static final List<String> FAILURE_KEYS = List.of("code", "message");
  private static final List<String> ERROR_KEYS =
      List.of("status", "type", "code", "message", "param", "retry_after");
  private static final List<String> MESSAGE_KEYS = List.of("type", "text", "chunks");
  private static final List<String> CALL_KEYS =
      List.of("type", "name", "arguments", "call_id", "chunks");
  private static final List<String> REASONING_KEYS = List.of("type", "summary", "chunks");
  private static final Set<String> STATUSES = Set.of("completed", "incomplete", "failed");

  private final String name;
  private final String source;

  /** Where each call id was first used, to refuse a second use. */
  private final Map<String, String> callIds = new HashMap<>();

  private ScenarioReader(String name, String source) {
    this.name = name;
    this.source = source;
  }

  /**
   * Reads a scenario.
   *
   * @param name the name the scenario is requested by; a {@code name} in the file must equal it
   * @param source where the text came from (a file, a class path resource), named in errors
   * @param json the scenario's JSON text, UTF-8 or any encoding JSON allows
   * @throws InvalidScenarioException when the text is not a valid scenario
   */
  public static Scenario read(String name, String source, byte[] json) {
    return new ScenarioReader(name, source).read(json);
  }

  private Scenario read(byte[] json) {
    if (json.length > MAX_BYTES) {
      throw invalid("", "larger than " + MAX_BYTES + " bytes.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw invalid("", "malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("", "unreadable: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw invalid("", "expected a JSON object, got an empty text.");
    }
    if (!root.isObject()) {
      throw invalid("", "expected a JSON object, got " + describe(root) + ".");
    }
    checkKeys(root, "", TOP_KEYS);
    String declared = string(root, "", "name");
    if (declared != null && !declared.equals(name)) {
      throw invalid(
          "name",
          "expected '"
              + name
              + "', the name the scenario is requested by, got '"
              + declared
              + "'.");
    }
    string(root, "", "description");
    JsonNode turns = required(root, "", "turns");
    if (!turns.isArray()) {
      throw invalid("turns", "expected an array, got " + describe(turns) + ".");
    }
    if (turns.isEmpty()) {
      throw invalid("turns", "expected at least one turn.");
    }
    List<Scenario.Turn> read = new ArrayList<>(turns.size());
    for (int i = 0; i < turns.size(); i++) {
      read.add(turn(turns.get(i), "turns[" + i + "]"));
    }
    return new Scenario(name, source, read);
  }

  private Scenario.Turn turn(JsonNode turn, String path) {
    object(turn, path);
    checkKeys(turn, path, TURN_KEYS);
    if (present(turn, "error")) {
      Iterator<String> keys = turn.fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        if (!key.equals("error") && present(turn, key)) {
          throw invalid(
              path,
              "a turn with 'error' refuses the request and takes no other key, got '" + key + "'.");
        }
      }
      return refusal(turn.get("error"), path + ".error");
    }
    List<PlannedItem> items = output(turn, path);
    String status = string(turn, path, "status");
    if (status != null && !STATUSES.contains(status)) {
      throw invalid(
          path + ".status", "expected one of completed, incomplete, failed, got '" + status + "'.");
    }
    boolean hasFailure = present(turn, "failure");
    if (status == null) {
      status = hasFailure ? "failed" : "completed";
    }
    if (hasFailure && !status.equals("failed")) {
      throw invalid(
          path + ".failure", "only a failed turn has a failure, but status is '" + status + "'.");
    }
    String reason = string(turn, path, "reason");
    if (reason != null && !status.equals("incomplete")) {
      throw invalid(
          path + ".reason",
          "only an incomplete turn has a reason, but status is '" + status + "'.");
    }
    if (reason != null && reason.isEmpty()) {
      throw invalid(path + ".reason", "expected a non-empty string.");
    }
    ErrorDetail failure = null;
    if (status.equals("failed")) {
      failure = failure(turn.get("failure"), path + ".failure");
    }
    if (status.equals("incomplete") && reason == null) {
      reason = DEFAULT_INCOMPLETE_REASON;
    }
    String fault = string(turn, path, "fault");
    if (fault != null) {
      try {
        Fault.parse(fault, "the scenario");
      } catch (SimError e) {
        throw invalid(path + ".fault", e.getMessage());
      }
    }
    return new Scenario.Reply(new Plan(items, failure, reason, fault));
  }

  private ErrorDetail failure(JsonNode failure, String path) {
    if (failure == null || failure.isNull()) {
      return ErrorDetail.of(null, DEFAULT_FAILURE_CODE, DEFAULT_FAILURE_MESSAGE, null);
    }
    object(failure, path);
    checkKeys(failure, path, FAILURE_KEYS);
    String code = string(failure, path, "code");
    String message = string(failure, path, "message");
    return ErrorDetail.of(
        null,
        code != null ? code : DEFAULT_FAILURE_CODE,
        message != null ? message : DEFAULT_FAILURE_MESSAGE,
        null);
  }

  private Scenario.Refusal refusal(JsonNode error, String path) {
    object(error, path);
    checkKeys(error, path, ERROR_KEYS);
    int status = integer(required(error, path, "status"), path + ".status");
    if (status < 400 || status > 599) {
      throw invalid(
          path + ".status", "expected an HTTP error status within [400, 599], got " + status + ".");
    }
    int retryAfter = status == 429 ? DEFAULT_RETRY_AFTER_SECONDS : 0;
    if (present(error, "retry_after")) {
      if (status != 429) {
        throw invalid(
            path + ".retry_after", "only a 429 takes retry_after, but status is " + status + ".");
      }
      retryAfter = integer(error.get("retry_after"), path + ".retry_after");
      if (retryAfter < 0) {
        throw invalid(
            path + ".retry_after", "expected a non-negative integer, got " + retryAfter + ".");
      }
    }
    return new Scenario.Refusal(
        status,
        string(error, path, "type"),
        string(error, path, "code"),
        string(error, path, "message"),
        string(error, path, "param"),
        retryAfter);
  }

  private List<PlannedItem> output(JsonNode turn, String turnPath) {
    if (!present(turn, "output")) {
      return List.of();
    }
    String path = turnPath + ".output";
    JsonNode output = turn.get("output");
    if (!output.isArray()) {
      throw invalid(path, "expected an array, got " + describe(output) + ".");
    }
    List<PlannedItem> items = new ArrayList<>(output.size());
    for (int i = 0; i < output.size(); i++) {
      items.add(item(output.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  private PlannedItem item(JsonNode item, String path) {
    object(item, path);
    String type = string(item, path, "type");
    if (type == null) {
      throw invalid(path, "missing required key 'type'.");
    }
    switch (type) {
      case "message":
        {
          checkKeys(item, path, MESSAGE_KEYS);
          String text = requiredString(item, path, "text");
          return new PlannedItem.Text(chunks(item, path, "text", text));
        }
      case "function_call":
        {
          checkKeys(item, path, CALL_KEYS);
          String callName = requiredString(item, path, "name");
          if (callName.isEmpty()) {
            throw invalid(path + ".name", "expected a non-empty string.");
          }
          String arguments = arguments(item, path);
          String callId = string(item, path, "call_id");
          if (callId != null) {
            if (callId.isEmpty()) {
              throw invalid(path + ".call_id", "expected a non-empty string.");
            }
            String first = callIds.putIfAbsent(callId, path + ".call_id");
            if (first != null) {
              throw invalid(
                  path + ".call_id", "'" + callId + "' is already used at " + first + ".");
            }
          }
          return new PlannedItem.Call(callName, callId, chunks(item, path, "arguments", arguments));
        }
      case "reasoning":
        {
          checkKeys(item, path, REASONING_KEYS);
          String summary = string(item, path, "summary");
          return new PlannedItem.Reasoning(
              chunks(item, path, "summary", summary == null ? "" : summary));
        }
      default:
        throw invalid(
            path + ".type",
            "expected one of message, function_call, reasoning, got '" + type + "'.");
    }
  }

  private String arguments(JsonNode item, String path) {
    if (!present(item, "arguments")) {
      return "{}";
    }
    JsonNode arguments = item.get("arguments");
    if (arguments.isTextual()) {
      return arguments.textValue();
    }
    if (arguments.isContainerNode()) {
      return arguments.toString();
    }
    throw invalid(
        path + ".arguments",
        "expected a string, or a JSON object or array, got " + describe(arguments) + ".");
  }

  /** The item's {@code chunks}, which must join to {@code text}, else {@code text} tokenized. */
  private List<String> chunks(JsonNode item, String path, String textKey, String text) {
    if (!present(item, "chunks")) {
      return Tokens.chunks(text);
    }
    String chunksPath = path + ".chunks";
    JsonNode chunks = item.get("chunks");
    if (!chunks.isArray()) {
      throw invalid(chunksPath, "expected an array, got " + describe(chunks) + ".");
    }
    List<String> read = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode chunk = chunks.get(i);
      String chunkPath = chunksPath + "[" + i + "]";
      if (!chunk.isTextual()) {
        throw invalid(chunkPath, "expected a string, got " + describe(chunk) + ".");
      }
      if (chunk.textValue().isEmpty()) {
        throw invalid(chunkPath, "expected a non-empty string.");
      }
      read.add(chunk.textValue());
    }
    String joined = String.join("", read);
    if (!joined.equals(text)) {
      throw invalid(
          chunksPath,
          "the chunks join to '" + joined + "', but " + textKey + " is '" + text + "'.");
    }
    return read;
  }

  private void object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw invalid(path, "expected an object, got " + describe(node) + ".");
    }
  }

  private void checkKeys(JsonNode object, String path, List<String> allowed) {
    Iterator<String> keys = object.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        throw invalid(
            path, "unknown key '" + key + "'; expected one of " + String.join(", ", allowed) + ".");
      }
    }
  }

  private JsonNode required(JsonNode object, String path, String key) {
    if (!present(object, key)) {
      throw invalid(path, "missing required key '" + key + "'.");
    }
    return object.get(key);
  }

  private String requiredString(JsonNode object, String path, String key) {
    required(object, path, key);
    return string(object, path, key);
  }

  /** The string at {@code key}, or {@code null} when absent. */
  private String string(JsonNode object, String path, String key) {
    if (!present(object, key)) {
      return null;
    }
    JsonNode value = object.get(key);
    if (!value.isTextual()) {
      throw invalid(join(path, key), "expected a string, got " + describe(value) + ".");
    }
    return value.textValue();
  }

  private int integer(JsonNode value, String path) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw invalid(path, "expected an integer, got " + describe(value) + ".");
    }
    return value.intValue();
  }

  private static boolean present(JsonNode object, String key) {
    JsonNode value = object.get(key);
    return value != null && !value.isNull();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private InvalidScenarioException invalid(String path, String problem) {
    return new InvalidScenarioException(
        "Invalid scenario " + source + (path.isEmpty() ? "" : " at " + path) + ": " + problem);
  }

  /**
   * A scenario text that is not a valid scenario. Its message names the source and the offending
   * place, and says what was expected.
   */
  public static final class InvalidScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidScenarioException(String message) {
      super(message, null, false, false);
    }
  }
}
