package io.agentchannel.transport.vertx.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stream_id} lanes the pool hands out on one v2 connection, for conversations whose
 * request names none. The server allows {@value #MAX_NAMED} distinct names per connection for its
 * lifetime, so names are reused: a new conversation gets a lane never used on this connection if
 * one is left, else the lane idle the longest. Reusing a lane replaces the server's cached response
 * of that lane, so the conversation that used it before continues with a cache miss (hydrated from
 * the store when it was stored, {@code previous_response_not_found} otherwise) — the least recently
 * used conversation is the one that pays. Not thread-safe: the pool guards it.
 */
final class Lanes {

  /** Distinct named lanes the service allows per connection. */
  static final int MAX_NAMED = 32;

  private final List<Lane> lanes = new ArrayList<>();
  private long clock;

  private static final class Lane {
    final String name;
    int inFlight;
    long lastUsed;

    Lane(String name) {
      this.name = name;
    }
  }

  /** Picks the lane for a new conversation; {@link #use} then counts it. */
  String assign() {
    Lane pick = null;
    if (lanes.size() < MAX_NAMED) {
      pick = new Lane("lane-" + lanes.size());
      lanes.add(pick);
    } else {
      for (Lane lane : lanes) {
        if (pick == null
            || lane.inFlight < pick.inFlight
            || (lane.inFlight == pick.inFlight && lane.lastUsed < pick.lastUsed)) {
          pick = lane;
        }
      }
    }
    return pick.name;
  }

  /** Counts a response in flight on a named lane (one the pool assigned, or the caller's). */
  void use(String name) {
    for (Lane lane : lanes) {
      if (lane.name.equals(name)) {
        lane.inFlight++;
        lane.lastUsed = ++clock;
        return;
      }
    }
    // A lane the caller named: tracked so its use counts, never handed to other conversations.
  }

  /** A response on this lane has ended. */
  void release(String name) {
    for (Lane lane : lanes) {
      if (lane.name.equals(name) && lane.inFlight > 0) {
        lane.inFlight--;
        lane.lastUsed = ++clock;
        return;
      }
    }
  }
}
