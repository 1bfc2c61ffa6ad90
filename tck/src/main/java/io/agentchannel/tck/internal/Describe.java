package io.agentchannel.tck.internal;

import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;

/** Renders what a rule observed, so a failure message states expected against observed. */
public final class Describe {

  private static final int HEAD = 8;
  private static final int TAIL = 4;

  private Describe() {}

  /** One event: index, type, sequence number and, for lifecycle events, the response id. */
  public static String event(int index, ServerEvent event) {
    StringBuilder out = new StringBuilder();
    out.append('#').append(index).append(' ').append(event.type());
    out.append(" seq=").append(event.meta().hasSequenceNumber() ? event.sequenceNumber() : "none");
    if (event instanceof ServerEvent.Lifecycle lifecycle) {
      out.append(" response=").append(lifecycle.response().id());
    }
    if (event instanceof ServerEvent.Error error && error.error() != null) {
      out.append(" code=").append(error.error().code());
    }
    return out.toString();
  }

  /** The events, the first and last few of a long list. */
  public static String events(List<? extends ServerEvent> events) {
    StringBuilder out = new StringBuilder().append(events.size()).append(" events [");
    for (int i = 0; i < events.size(); i++) {
      if (i == HEAD && events.size() > HEAD + TAIL) {
        out.append(", ... ");
        i = events.size() - TAIL;
      }
      if (i > 0) {
        out.append(", ");
      }
      out.append(event(i, events.get(i)));
    }
    return out.append(']').toString();
  }

  /** An error with the fields the rules care about. */
  public static String error(Throwable error) {
    if (error == null) {
      return "no error";
    }
    StringBuilder out = new StringBuilder(error.getClass().getName());
    if (error instanceof ApiException api) {
      out.append("[status=")
          .append(api.status())
          .append(", type=")
          .append(api.type())
          .append(", code=")
          .append(api.code())
          .append(", param=")
          .append(api.param())
          .append(']');
    } else if (error instanceof ConnectionException connection) {
      out.append("[requestMayHaveBeenSent=")
          .append(connection.requestMayHaveBeenSent())
          .append(']');
    } else if (error instanceof PhaseTimeoutException timeout) {
      out.append("[phase=").append(timeout.phase()).append(", limit=").append(timeout.limit());
      out.append(']');
    }
    return out.append(": ").append(error.getMessage()).toString();
  }
}
