package io.agentchannel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Typed event reads against a plain {@code ObjectMapper.readTree} of the same frame, from a String.
 * Run with {@code ./mvnw -B -pl api -Pjmh -DskipTests verify} (pass options through {@code
 * -Djmh.args="CodecBenchmark -f 1 -prof gc"}).
 *
 * <p>Not a test (no {@code Test} suffix): the annotation processor turns it into JMH classes when
 * the tests compile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

  /** A streamed chunk as the service sends it: with {@code logprobs} and {@code obfuscation}. */
  static final String DELTA =
      "{\"type\":\"response.output_text.delta\",\"sequence_number\":17,\"item_id\":"
          + "\"msg_0a1b2c3d4e5f60718293a4b5c6d7e8f9\",\"output_index\":1,\"content_index\":0,"
          + "\"delta\":\" the failing test\",\"logprobs\":[],\"obfuscation\":\"Qm3xT0aZ\"}";

  /** A terminal event with the full Response: message, function call, tools, usage. */
  static final String COMPLETED =
      "{\"type\":\"response.completed\",\"sequence_number\":42,\"response\":{"
          + "\"id\":\"resp_0a1b2c3d4e5f60718293a4b5c6d7e8f9\",\"object\":\"response\","
          + "\"created_at\":1767225600,\"status\":\"completed\",\"background\":false,"
          + "\"completed_at\":1767225603,\"error\":null,\"incomplete_details\":null,"
          + "\"instructions\":\"You are a build agent. Use tools when they help.\","
          + "\"max_output_tokens\":null,\"max_tool_calls\":null,\"model\":\"gpt-5.5-2026-04-01\","
          + "\"output\":["
          + "{\"type\":\"reasoning\",\"id\":\"rs_0a1b2c3d4e5f6071\",\"summary\":[]},"
          + "{\"type\":\"message\",\"id\":\"msg_0a1b2c3d4e5f6071\",\"status\":\"completed\","
          + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"annotations\":[],"
          + "\"logprobs\":[],\"text\":\"Not quite: test_parse fails because the tokenizer drops "
          + "the trailing newline. I will run the suite again after the fix.\"}]},"
          + "{\"type\":\"function_call\",\"id\":\"fc_0a1b2c3d4e5f6071\",\"call_id\":"
          + "\"call_0a1b2c3d4e5f6071\",\"name\":\"run_tests\",\"arguments\":"
          + "\"{\\\"path\\\":\\\"src/parser\\\",\\\"verbose\\\":true}\",\"status\":\"completed\"}],"
          + "\"parallel_tool_calls\":false,\"previous_response_id\":\"resp_prev0a1b2c3d4e5f6071\","
          + "\"prompt_cache_key\":null,\"reasoning\":{\"effort\":\"medium\",\"summary\":null},"
          + "\"safety_identifier\":null,\"service_tier\":\"default\",\"store\":false,"
          + "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"},"
          + "\"tool_choice\":\"auto\",\"tools\":["
          + "{\"type\":\"function\",\"description\":\"Run the unit tests under a path.\","
          + "\"name\":\"run_tests\",\"parameters\":{\"type\":\"object\",\"properties\":{"
          + "\"path\":{\"type\":\"string\",\"description\":\"Directory to test\"},"
          + "\"verbose\":{\"type\":\"boolean\"}},\"required\":[\"path\",\"verbose\"],"
          + "\"additionalProperties\":false},\"strict\":true},"
          + "{\"type\":\"function\",\"description\":\"Read a file.\",\"name\":\"read_file\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
          + "\"required\":[\"path\"],\"additionalProperties\":false},\"strict\":true}],"
          + "\"top_logprobs\":0,\"top_p\":1.0,\"truncation\":\"disabled\","
          + "\"usage\":{\"input_tokens\":4812,\"input_tokens_details\":{\"cached_tokens\":4608,"
          + "\"cache_write_tokens\":0},\"output_tokens\":157,\"output_tokens_details\":"
          + "{\"reasoning_tokens\":64},\"total_tokens\":4969},\"user\":null,\"metadata\":{}}}";

  private final WireCodec codec = WireCodec.shared();
  private final ObjectMapper mapper = new ObjectMapper();

  @Benchmark
  public ServerEvent deltaTyped() {
    return codec.readEvent(DELTA);
  }

  @Benchmark
  public JsonNode deltaReadTree() throws Exception {
    return mapper.readTree(DELTA);
  }

  @Benchmark
  public ServerEvent completedTyped() {
    return codec.readEvent(COMPLETED);
  }

  @Benchmark
  public JsonNode completedReadTree() throws Exception {
    return mapper.readTree(COMPLETED);
  }
}
