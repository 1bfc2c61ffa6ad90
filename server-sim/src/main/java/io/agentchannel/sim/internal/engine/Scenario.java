package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.refusal.Refusals;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.ErrorDetail;
import java.util.List;
import java.util.Objects;

/**
 * A scripted conversation: what the {@code script:<name>} model answers, turn by turn. The turn a
 * request gets is the number of responses its {@code previous_response_id} chain already holds: a
 * new conversation plays turn 1 ({@code turns[0]}), a request continuing a one-response chain turn
 * 2, and so on. A scenario never looks at the input's content.
 *
 * <p>A scenario is a JSON file, read by {@link ScenarioReader}:
 *
 * <pre>{@code
 * {
 *   "name": "every-ending",
 *   "description": "One turn of each kind.",
 *   "turns": [
 *     {"output": [
 *        {"type": "reasoning", "summary": "Need the tests first."},
 *        {"type": "function_call", "name": "run_tests", "arguments": "{\"path\":\"src\"}",
 *         "call_id": "call_fixed_1"}
 *     ]},
 *     {"output": [{"type": "message", "text": "All green.", "chunks": ["All ", "green."]}]},
 *     {"status": "incomplete", "reason": "max_output_tokens",
 *      "output": [{"type": "message", "text": "Trunc"}]},
 *     {"failure": {"code": "server_error", "message": "boom"}},
 *     {"fault": "close_after:3", "output": [{"type": "message", "text": "never finished"}]},
 *     {"error": {"status": 429, "retry_after": 2}}
 *   ]
 * }
 * }</pre>
 *
 * <p>At the top level, {@code turns} is required and holds at least one turn; {@code name} is
 * optional and, when present, must be the name the scenario is requested by (its file name without
 * {@code .json}); {@code description} is an optional string, ignored.
 *
 * <p>A turn that answers (a {@link Reply}) takes these keys, all optional:
 *
 * <ul>
 *   <li>{@code output}: the output items in order, none by default. Each has a {@code type}:
 *       <ul>
 *         <li>{@code message}: {@code text} (required);
 *         <li>{@code function_call}: {@code name} (required), {@code arguments} (a string, or a
 *             JSON object or array written as compact JSON; {@code "{}"} by default), {@code
 *             call_id} (generated when absent; unique within the scenario when present);
 *         <li>{@code reasoning}: {@code summary} (none by default: no summary part).
 *       </ul>
 *       Every type takes {@code chunks}, the non-empty strings its text ({@code text}, {@code
 *       arguments} or {@code summary}) streams as, one delta and one output token each; they must
 *       join to exactly that text. Without {@code chunks} the text streams as {@link Tokens#chunks}
 *       cuts it, four characters a token.
 *   <li>{@code status}: how the response ends, {@code completed} (the default), {@code incomplete}
 *       or {@code failed} ({@code failed} when {@code failure} is given);
 *   <li>{@code reason}: the {@code incomplete_details.reason} of an incomplete response, {@code
 *       max_output_tokens} by default; only with {@code "status": "incomplete"};
 *   <li>{@code failure}: the {@code error} of a failed response, {@code code} and {@code message},
 *       {@code server_error} and the service's generic message by default;
 *   <li>{@code fault}: a fault directive (see {@link Fault}) applied to the response, unless the
 *       request carries a directive of its own.
 * </ul>
 *
 * <p>A turn that refuses the request (a {@link Refusal}) has only the key {@code error}: {@code
 * status} (required, 400 to 599) and, each overriding what the service answers with that status
 * (see {@link Refusals#ofStatus}), {@code type}, {@code code}, {@code message}, {@code param}; a
 * 429 also takes {@code retry_after} in seconds (1 by default), sent with the rate-limit headers. A
 * refused request stores no response, so the chain does not grow: retrying it meets the same turn
 * again.
 *
 * <p>Unknown keys, wrong types and contradictions are load errors; a JSON {@code null} counts as
 * absent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the scenario's name, as in {@code script:<name>}
 * @param source where it was read from, named in errors
 * @param turns the turns in order, at least one
 */
public record Scenario(String name, String source, List<Turn> turns) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    turns = List.copyOf(turns);
    if (turns.isEmpty()) {
      throw new IllegalArgumentException("a scenario has at least one turn");
    }
  }

  /** One turn of a scenario: a {@link Reply} or a {@link Refusal}. */
  public sealed interface Turn {}

  /**
   * A turn that answers with a response.
   *
   * @param plan the response's items and ending, its fault directive already validated
   */
  public record Reply(Plan plan) implements Turn {
    public Reply {
      Objects.requireNonNull(plan, "plan");
    }
  }

  /**
   * A turn that refuses the request, as the service does with an HTTP error or a WebSocket error
   * frame. The fields left {@code null} keep what {@link Refusals#ofStatus} answers for {@code
   * status}.
   *
   * @param status the HTTP-like status, 400 to 599
   * @param type the error's type, or {@code null}
   * @param code the error's code, or {@code null}
   * @param message the error's message, or {@code null}
   * @param param the error's param, or {@code null}
   * @param retryAfterSeconds the {@code Retry-After} of a 429; ignored for other statuses
   */
  public record Refusal(
      int status, String type, String code, String message, String param, int retryAfterSeconds)
      implements Turn {

    public Refusal {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status must be within [400, 599], got " + status);
      }
      if (retryAfterSeconds < 0) {
        throw new IllegalArgumentException(
            "retryAfterSeconds must not be negative, got " + retryAfterSeconds);
      }
    }

    /** The error this turn answers with; a new instance on each call. */
    public SimError toError() {
      ErrorDetail base = Refusals.ofStatus(status, retryAfterSeconds).detail();
      return new SimError(
          status,
          new ErrorDetail(
              type != null ? type : base.type(),
              code != null ? code : base.code(),
              message != null ? message : base.message(),
              param != null ? param : base.param(),
              base.headers()));
    }
  }
}
