package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response object: the body of a non-streaming {@code POST /v1/responses}, and the payload of the
 * lifecycle events ({@code response.created}, {@code …in_progress}, {@code …completed}, {@code
 * …failed}, {@code …incomplete}).
 *
 * <p>The fields an agent acts on are typed. Everything else ({@code temperature}, {@code top_p},
 * {@code reasoning}, {@code text}, {@code truncation}, ...) is kept in {@link #extras()} and
 * written back unchanged. A {@code null} typed field means "absent", except for the three fields
 * the API requires even when empty ({@code error}, {@code incomplete_details}, {@code
 * instructions}), which the codec always writes, as {@code null} when they are.
 *
 * @param id {@code resp_…}, never {@code null}
 * @param object always {@code "response"} on the wire; {@code null} when absent
 * @param createdAt Unix seconds
 * @param status {@code completed}, {@code failed}, {@code in_progress}, {@code cancelled}, {@code
 *     queued} or {@code incomplete}; {@code null} when absent
 * @param completedAt Unix seconds, or {@code null}
 * @param error why the response failed, or {@code null}
 * @param incompleteDetails why it is incomplete, or {@code null}
 * @param instructions the instructions it ran with, or {@code null}
 * @param model the model id
 * @param output the output items so far, never {@code null}
 * @param parallelToolCalls or {@code null} when absent
 * @param previousResponseId the response it continues, or {@code null}
 * @param store whether it is stored, or {@code null} when absent
 * @param tools the tools it was offered, or {@code null} when absent
 * @param toolChoice the tool choice ({@code "auto"} or an object), or {@code null} when absent
 * @param usage token usage (on terminal events), or {@code null}
 * @param metadata the request's metadata, or {@code null} when absent
 * @param extras every other field as read
 */
public record Response(
    String id,
    String object,
    long createdAt,
    String status,
    Long completedAt,
    ErrorDetail error,
    IncompleteDetails incompleteDetails,
    String instructions,
    String model,
    List<Item> output,
    Boolean parallelToolCalls,
    String previousResponseId,
    Boolean store,
    List<Tool> tools,
    JsonNode toolChoice,
    Usage usage,
    Map<String, String> metadata,
    Map<String, JsonNode> extras) {

  public static final String STATUS_COMPLETED = "completed";
  public static final String STATUS_FAILED = "failed";
  public static final String STATUS_IN_PROGRESS = "in_progress";
  public static final String STATUS_INCOMPLETE = "incomplete";

  public Response {
    Objects.requireNonNull(id, "id");
    output = Frozen.list(output);
    tools = Frozen.listOrNull(tools);
    metadata = Frozen.mapOrNull(metadata);
    extras = Frozen.map(extras);
  }

  /** The function calls in {@link #output()}, in order. */
  public List<FunctionCallItem> functionCalls() {
    List<FunctionCallItem> calls = new ArrayList<>();
    for (Item item : output) {
      if (item instanceof FunctionCallItem call) {
        calls.add(call);
      }
    }
    return calls;
  }

  /** The text of every assistant message in {@link #output()}, concatenated. */
  public String outputText() {
    StringBuilder text = new StringBuilder();
    for (Item item : output) {
      if (item instanceof MessageItem message && "assistant".equals(message.role())) {
        text.append(message.text());
      }
    }
    return text.toString();
  }

  /** A builder with every field of this response, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link Response}; not thread-safe. */
  public static final class Builder {
    private String id;
    private String object = "response";
    private long createdAt;
    private String status;
    private Long completedAt;
    private ErrorDetail error;
    private IncompleteDetails incompleteDetails;
    private String instructions;
    private String model;
    private List<Item> output = List.of();
    private Boolean parallelToolCalls;
    private String previousResponseId;
    private Boolean store;
    private List<Tool> tools;
    private JsonNode toolChoice;
    private Usage usage;
    private Map<String, String> metadata;
    private Map<String, JsonNode> extras = Map.of();

    private Builder(String id) {
      this.id = id;
    }

    private Builder(Response r) {
      id = r.id;
      object = r.object;
      createdAt = r.createdAt;
      status = r.status;
      completedAt = r.completedAt;
      error = r.error;
      incompleteDetails = r.incompleteDetails;
      instructions = r.instructions;
      model = r.model;
      output = r.output;
      parallelToolCalls = r.parallelToolCalls;
      previousResponseId = r.previousResponseId;
      store = r.store;
      tools = r.tools;
      toolChoice = r.toolChoice;
      usage = r.usage;
      metadata = r.metadata;
      extras = r.extras;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder object(String object) {
      this.object = object;
      return this;
    }

    public Builder createdAt(long createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    public Builder completedAt(Long completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    public Builder error(ErrorDetail error) {
      this.error = error;
      return this;
    }

    public Builder incompleteDetails(IncompleteDetails incompleteDetails) {
      this.incompleteDetails = incompleteDetails;
      return this;
    }

    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder output(List<Item> output) {
      this.output = output;
      return this;
    }

    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    public Builder previousResponseId(String previousResponseId) {
      this.previousResponseId = previousResponseId;
      return this;
    }

    public Builder store(Boolean store) {
      this.store = store;
      return this;
    }

    public Builder tools(List<Tool> tools) {
      this.tools = tools;
      return this;
    }

    public Builder toolChoice(JsonNode toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    public Builder usage(Usage usage) {
      this.usage = usage;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder extras(Map<String, JsonNode> extras) {
      this.extras = extras;
      return this;
    }

    public Response build() {
      return new Response(
          id,
          object,
          createdAt,
          status,
          completedAt,
          error,
          incompleteDetails,
          instructions,
          model,
          output,
          parallelToolCalls,
          previousResponseId,
          store,
          tools,
          toolChoice,
          usage,
          metadata,
          extras);
    }
  }
}
