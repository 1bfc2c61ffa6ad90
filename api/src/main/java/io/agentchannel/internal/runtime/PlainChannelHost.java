package io.agentchannel.internal.runtime;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.ResponseStream;
import io.agentchannel.wire.model.CreateRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Adapts a channel that does not expose its sessions (a user's decorator, say): every request goes
 * through {@link AgentChannel#create}, and since the conversation cannot know which connection
 * carries it, connection-local state is never relied on.
 */
public final class PlainChannelHost implements SessionHost {

  private final AgentChannel channel;

  public PlainChannelHost(AgentChannel channel) {
    this.channel = channel;
  }

  @Override
  public CompletableFuture<SessionLease> acquire(Duration rotateAfter, Clock clock) {
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    capabilities.addAll(channel.capabilities());
    capabilities.remove(Capability.CONNECTION_LOCAL_STATE);
    return CompletableFuture.completedFuture(
        new SessionLease(null, null, capabilities, channel.transportId()));
  }

  @Override
  public ResponseStream send(SessionLease lease, CreateRequest request) {
    return channel.create(request);
  }

  @Override
  public void release(SessionLease lease, boolean reusable) {}
}
