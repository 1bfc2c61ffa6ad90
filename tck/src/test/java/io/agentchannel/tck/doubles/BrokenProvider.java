package io.agentchannel.tck.doubles;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.tck.reference.ReferenceSseProvider;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The reference transport with one deliberate defect: every sink it is given is wrapped by {@code
 * breakage}. The kit must fail exactly the rules each defect breaks.
 */
public final class BrokenProvider implements TransportProvider {

  private final TransportProvider healthy = new ReferenceSseProvider();
  private final String id;
  private final UnaryOperator<EventSink> breakage;

  public BrokenProvider(String id, UnaryOperator<EventSink> breakage) {
    this.id = id;
    this.breakage = breakage;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<Capability> capabilities() {
    return healthy.capabilities();
  }

  @Override
  public String version() {
    return "broken";
  }

  @Override
  public Transport create(AgentChannelOptions options) {
    Transport transport = healthy.create(options);
    return new Transport() {
      @Override
      public Set<Capability> capabilities() {
        return transport.capabilities();
      }

      @Override
      public CompletionStage<TransportSession> open() {
        return transport.open().thenApply(BrokenProvider.this::wrap);
      }

      @Override
      public void close() {
        transport.close();
      }
    };
  }

  private TransportSession wrap(TransportSession session) {
    return new TransportSession() {
      @Override
      public void send(CreateRequest request, EventSink sink) {
        session.send(request, breakage.apply(sink));
      }

      @Override
      public boolean isOpen() {
        return session.isOpen();
      }

      @Override
      public Instant openedAt() {
        return session.openedAt();
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }

  /** A sink that forwards everything; breakages override what they break. */
  public static class ForwardingSink implements EventSink {
    protected final EventSink target;

    public ForwardingSink(EventSink target) {
      this.target = target;
    }

    @Override
    public boolean push(ServerEvent event) {
      return target.push(event);
    }

    @Override
    public void fail(AgentChannelException error) {
      target.fail(error);
    }

    @Override
    public void onResume(Runnable resume) {
      target.onResume(resume);
    }

    @Override
    public void onCancel(Runnable cancel) {
      target.onCancel(cancel);
    }

    @Override
    public boolean isCancelled() {
      return target.isCancelled();
    }
  }
}
