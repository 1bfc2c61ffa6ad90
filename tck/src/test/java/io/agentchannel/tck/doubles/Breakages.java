package io.agentchannel.tck.doubles;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.tck.doubles.BrokenProvider.ForwardingSink;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;

/** The defects the kit's self-test plants, one sink wrapper each. */
public final class Breakages {

  private Breakages() {}

  /** Pushes every terminal event twice. */
  public static EventSink secondTerminal(EventSink target) {
    return new ForwardingSink(target) {
      @Override
      public boolean push(ServerEvent event) {
        boolean more = target.push(event);
        if (event.isTerminal()) {
          target.push(event);
        }
        return more;
      }
    };
  }

  /**
   * Turns a connection failure into a made-up {@code response.completed} of the last response seen:
   * a stream that "completes" silently on a drop.
   */
  public static EventSink completesSilentlyOnDrop(EventSink target) {
    return new ForwardingSink(target) {
      private volatile ServerEvent.Lifecycle last;

      @Override
      public boolean push(ServerEvent event) {
        if (event instanceof ServerEvent.Lifecycle lifecycle) {
          last = lifecycle;
        }
        return target.push(event);
      }

      @Override
      public void fail(AgentChannelException error) {
        ServerEvent.Lifecycle seen = last;
        if (error instanceof ConnectionException && seen != null) {
          target.push(
              new ServerEvent.ResponseCompleted(
                  EventMeta.of(seen.sequenceNumber() + 1000), seen.response()));
        } else {
          target.fail(error);
        }
      }
    };
  }

  /** Tells the transport to keep reading whatever the sink says: no backpressure. */
  public static EventSink ignoresBackpressure(EventSink target) {
    return new ForwardingSink(target) {
      @Override
      public boolean push(ServerEvent event) {
        target.push(event);
        return true;
      }
    };
  }

  /** Swaps each pair of consecutive text deltas. */
  public static EventSink reordersDeltas(EventSink target) {
    return new ForwardingSink(target) {
      private ServerEvent held;

      @Override
      public synchronized boolean push(ServerEvent event) {
        if (event instanceof ServerEvent.OutputTextDelta) {
          if (held == null) {
            held = event;
            return true;
          }
          boolean more = target.push(event);
          more &= target.push(held);
          held = null;
          return more;
        }
        if (held != null) {
          target.push(held);
          held = null;
        }
        return target.push(event);
      }
    };
  }
}
