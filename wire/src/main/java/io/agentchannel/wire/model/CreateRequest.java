package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/responses}, and of a WebSocket {@code response.create} frame (which
 * adds only {@code "type":"response.create"}).
 *
 * <p>The fields agents use are typed; {@code generate} (warm-up) and {@code stream_id} (WebSocket
 * lanes) are typed too because transports and the simulator act on them, although the API's schema
 * lists neither. Every other field ({@code temperature}, {@code prompt_cache_key}, {@code
 * service_tier}, future fields) is kept in {@link #extras()} and written unchanged, so nothing a
 * caller sets is dropped on the way to the server.
 *
 * <p>A {@code null} field is absent on the wire. A string {@code input} is read as one user message
 * with one {@code input_text} part, which the service treats the same, and written in array form.
 *
 * <p>Instances are immutable; derive changed copies with {@link #toBuilder()}.
 */
public record CreateRequest(
    String model,
    List<Item> input,
    String instructions,
    List<Tool> tools,
    JsonNode toolChoice,
    Boolean parallelToolCalls,
    String previousResponseId,
    Boolean store,
    Boolean stream,
    List<String> include,
    JsonNode reasoning,
    JsonNode text,
    Map<String, String> metadata,
    Integer maxOutputTokens,
    Boolean generate,
    String streamId,
    Map<String, JsonNode> extras) {

  public CreateRequest {
    input = Frozen.listOrNull(input);
    tools = Frozen.listOrNull(tools);
    include = Frozen.listOrNull(include);
    metadata = Frozen.mapOrNull(metadata);
    extras = Frozen.map(extras);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this request. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether this is a warm-up ({@code generate:false}): no model output, only a response id. */
  public boolean isWarmup() {
    return Boolean.FALSE.equals(generate);
  }

  /** Builds a {@link CreateRequest}; not thread-safe. */
  public static final class Builder {
    private String model;
    private List<Item> input;
    private String instructions;
    private List<Tool> tools;
    private JsonNode toolChoice;
    private Boolean parallelToolCalls;
    private String previousResponseId;
    private Boolean store;
    private Boolean stream;
    private List<String> include;
    private JsonNode reasoning;
    private JsonNode text;
    private Map<String, String> metadata;
    private Integer maxOutputTokens;
    private Boolean generate;
    private String streamId;
    private Map<String, JsonNode> extras = new LinkedHashMap<>();

    private Builder() {}

    private Builder(CreateRequest r) {
      model = r.model;
      input = r.input;
      instructions = r.instructions;
      tools = r.tools;
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      previousResponseId = r.previousResponseId;
      store = r.store;
      stream = r.stream;
      include = r.include;
      reasoning = r.reasoning;
      text = r.text;
      metadata = r.metadata;
      maxOutputTokens = r.maxOutputTokens;
      generate = r.generate;
      streamId = r.streamId;
      extras = new LinkedHashMap<>(r.extras);
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder input(List<? extends Item> input) {
      this.input = input == null ? null : new ArrayList<>(input);
      return this;
    }

    /** Sets the input to one user message. */
    public Builder input(String userText) {
      this.input = List.of(MessageItem.user(userText));
      return this;
    }

    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    public Builder tools(List<? extends Tool> tools) {
      this.tools = tools == null ? null : new ArrayList<>(tools);
      return this;
    }

    public Builder toolChoice(JsonNode toolChoice) {
      this.toolChoice = toolChoice;
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

    public Builder stream(Boolean stream) {
      this.stream = stream;
      return this;
    }

    public Builder include(List<String> include) {
      this.include = include;
      return this;
    }

    public Builder reasoning(JsonNode reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    public Builder text(JsonNode text) {
      this.text = text;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder maxOutputTokens(Integer maxOutputTokens) {
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    public Builder generate(Boolean generate) {
      this.generate = generate;
      return this;
    }

    public Builder streamId(String streamId) {
      this.streamId = streamId;
      return this;
    }

    /** Sets a field the record does not type; it is written as given. */
    public Builder extra(String name, JsonNode value) {
      extras.put(name, value);
      return this;
    }

    public Builder extras(Map<String, JsonNode> extras) {
      this.extras = new LinkedHashMap<>(extras);
      return this;
    }

    public CreateRequest build() {
      return new CreateRequest(
          model,
          input,
          instructions,
          tools,
          toolChoice,
          parallelToolCalls,
          previousResponseId,
          store,
          stream,
          include,
          reasoning,
          text,
          metadata,
          maxOutputTokens,
          generate,
          streamId,
          extras);
    }
  }
}
