package io.agentchannel.error;

import io.agentchannel.wire.model.ErrorDetail;
import java.time.Duration;
import java.util.Map;

/**
 * The server refused the WebSocket upgrade with {@code 426 Upgrade Required}: it does not offer
 * WebSocket mode (a proxy or gateway in front of it may have switched it off). Nothing was sent.
 *
 * <p>This is the signal for a sticky fallback: a channel configured with {@code transport=auto}
 * switches to HTTP for the rest of its life when it sees this error, instead of retrying the
 * upgrade. Callers on a fixed WebSocket transport see it as an ordinary {@link ApiException} with
 * {@link #status()} 426.
 */
public final class WebSocketModeUnavailableException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The status of a refused upgrade that means "no WebSocket mode here". */
  public static final int STATUS = 426;

  /**
   * @param detail what the server said, or a detail describing the refusal when its body said
   *     nothing readable
   * @param headers response headers worth keeping
   */
  public WebSocketModeUnavailableException(ErrorDetail detail, Map<String, String> headers) {
    super(STATUS, detail, (Duration) null, headers);
  }
}
