package io.agentchannel.tck;

import io.agentchannel.tck.internal.RecordingSubscriber;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.CompletableFuture;

/** The response a recorded stream ended with, from its terminal event. */
final class CompletedResponse {

  private CompletedResponse() {}

  static CompletableFuture<Response> of(RecordingSubscriber s) {
    if (s.error() != null) {
      return CompletableFuture.failedFuture(s.error());
    }
    for (int i = s.events.size() - 1; i >= 0; i--) {
      if (s.events.get(i) instanceof ServerEvent.ResponseCompleted completed) {
        return CompletableFuture.completedFuture(completed.response());
      }
    }
    return CompletableFuture.failedFuture(
        new AssertionError("no response.completed event; saw " + s.describe()));
  }
}
