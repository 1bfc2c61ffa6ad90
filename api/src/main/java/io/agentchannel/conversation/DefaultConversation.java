package io.agentchannel.conversation;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.internal.runtime.PlainChannelHost;
import io.agentchannel.internal.runtime.SessionHost;
import io.agentchannel.internal.runtime.SessionLease;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The conversation runtime; see {@link Conversation} for the behaviour it promises. */
final class DefaultConversation implements Conversation {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultConversation.class);
  private static final String PREVIOUS_RESPONSE_NOT_FOUND = "previous_response_not_found";

  private final SessionHost host;
  private final ConversationOptions options;
  private final Map<String, CompletableFuture<String>> ledger = new ConcurrentHashMap<>();

  // guarded by this
  private final List<Item> transcript = new ArrayList<>();
  private final List<TurnRecord> turns = new ArrayList<>();
  private CreateRequest lastSettings;
  private String lastResponseId;
  private boolean lastWasWarmup;
  private SessionLease lastLease;
  private SessionLease lease;
  private boolean warmupTried;
  private boolean turnInFlight;
  private boolean closed;

  private DefaultConversation(SessionHost host, ConversationOptions options) {
    this.host = host;
    this.options = options;
  }

  /** Opens a conversation over any channel; the default channel lends it pooled sessions. */
  static Conversation open(AgentChannel channel, ConversationOptions options) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(options, "options");
    SessionHost host =
        channel instanceof SessionHost pooled ? pooled : new PlainChannelHost(channel);
    return new DefaultConversation(host, options);
  }

  @Override
  public CompletableFuture<TurnResult> send(CreateRequest request, Consumer<ServerEvent> events) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(events, "events");
    if (request.model() == null || request.model().isBlank()) {
      throw new IllegalArgumentException("the request has no model; set CreateRequest.model");
    }
    if (request.previousResponseId() != null) {
      throw new IllegalArgumentException(
          "the request sets previous_response_id; a conversation sets it itself, leave it unset");
    }
    int index;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the conversation is closed");
      }
      if (turnInFlight) {
        throw new IllegalStateException(
            "a turn is in flight; a conversation runs one turn at a time");
      }
      turnInFlight = true;
      index = turns.size();
    }
    Turn turn = new Turn(index, request, events);
    turn.attempt();
    return turn.result.whenComplete(
        (result, error) -> {
          synchronized (this) {
            turnInFlight = false;
          }
        });
  }

  @Override
  public CompletionStage<String> executeOnce(
      String callId, Supplier<? extends CompletionStage<String>> execution) {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(execution, "execution");
    return ledger
        .computeIfAbsent(
            callId,
            id -> {
              try {
                return execution.get().toCompletableFuture();
              } catch (RuntimeException failed) {
                return CompletableFuture.failedFuture(failed);
              }
            })
        .minimalCompletionStage();
  }

  @Override
  public synchronized List<Item> transcript() {
    return List.copyOf(transcript);
  }

  @Override
  public synchronized List<TurnRecord> turns() {
    return List.copyOf(turns);
  }

  @Override
  public void close() {
    SessionLease held;
    boolean reusable;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      held = lease;
      lease = null;
      reusable = !turnInFlight;
    }
    if (held != null) {
      host.release(held, reusable);
    }
  }

  /** The fields that must match for a continuation: everything but the input and transport's. */
  static CreateRequest settingsOf(CreateRequest request) {
    return request.toBuilder().input((List<Item>) null).previousResponseId(null).stream(null)
        .streamId(null)
        .generate(null)
        .build();
  }

  /** What one attempt sends, and why. */
  private record Plan(ContextMode mode, ContextReason reason, CreateRequest wire) {}

  /** One turn: its attempts, their timings, and the decision after each failure. */
  private final class Turn {
    final int index;
    final CreateRequest request;
    final List<Item> newItems;
    final Consumer<ServerEvent> events;
    final CompletableFuture<TurnResult> result = new CompletableFuture<>();
    int attempts;
    ContextReason forcedFull;
    long connectNanos;
    long sendNanos;
    long firstEventNanos;
    long streamNanos;

    Turn(int index, CreateRequest request, Consumer<ServerEvent> events) {
      this.index = index;
      this.request = request;
      this.newItems = request.input() == null ? List.of() : request.input();
      this.events = events;
    }

    void attempt() {
      attempts++;
      long start = System.nanoTime();
      CompletableFuture<SessionLease> leased;
      try {
        leased = leaseForTurn();
      } catch (RuntimeException closedChannel) {
        result.completeExceptionally(closedChannel);
        return;
      }
      leased
          .thenCompose(this::warmupIfWanted)
          .whenComplete(
              (held, error) -> {
                connectNanos += System.nanoTime() - start;
                if (error != null) {
                  onFailure(null, null, unwrap(error));
                } else {
                  sendOn(held);
                }
              });
    }

    private void sendOn(SessionLease held) {
      Plan plan;
      synchronized (DefaultConversation.this) {
        plan = plan(held);
      }
      long handedOver = System.nanoTime();
      ResponseStream stream = host.send(held, plan.wire());
      long sent = System.nanoTime();
      sendNanos += sent - handedOver;
      long[] firstEventAt = {0};
      stream.subscribe(
          new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
              subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerEvent event) {
              if (firstEventAt[0] == 0) {
                firstEventAt[0] = System.nanoTime();
              }
              try {
                events.accept(event);
              } catch (RuntimeException listenerBug) {
                LOG.warn("a conversation's event consumer threw; ignored", listenerBug);
              }
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
          });
      stream
          .completion()
          .whenComplete(
              (response, error) -> {
                long end = System.nanoTime();
                if (firstEventAt[0] == 0) {
                  firstEventNanos += end - sent;
                } else {
                  firstEventNanos += firstEventAt[0] - sent;
                  streamNanos += end - firstEventAt[0];
                }
                if (error == null) {
                  onSuccess(held, plan, response);
                } else {
                  onFailure(held, plan, unwrap(error));
                }
              });
    }

    private void onSuccess(SessionLease held, Plan plan, Response response) {
      TurnRecord record =
          new TurnRecord(
              index,
              plan.mode(),
              plan.reason(),
              response.id(),
              plan.wire().input().size(),
              attempts,
              held.transportId(),
              new TurnTimings(
                  Duration.ofNanos(connectNanos),
                  Duration.ofNanos(sendNanos),
                  Duration.ofNanos(firstEventNanos),
                  Duration.ofNanos(streamNanos),
                  Duration.ZERO));
      synchronized (DefaultConversation.this) {
        transcript.addAll(newItems);
        transcript.addAll(response.output());
        lastResponseId = response.id();
        lastWasWarmup = false;
        lastSettings = settingsOf(request);
        lastLease = held;
        turns.add(record);
      }
      result.complete(new TurnResult(response, record));
    }

    private void onFailure(SessionLease held, Plan plan, Throwable error) {
      if (!(error instanceof AgentChannelException failure)) {
        result.completeExceptionally(error);
        return;
      }
      if (failure instanceof ApiException api
          && PREVIOUS_RESPONSE_NOT_FOUND.equals(api.code())
          && plan != null
          && plan.mode() == ContextMode.INCREMENTAL
          && forcedFull == null) {
        LOG.debug("turn {}: previous_response_not_found, resending the full context", index);
        forcedFull = ContextReason.PREVIOUS_RESPONSE_NOT_FOUND;
        attempts--; // the resend is the protocol's, not a retry
        attempt();
        return;
      }
      Duration delay;
      if (failure instanceof ConnectionLimitReachedException) {
        retire(held);
        delay = Duration.ZERO;
      } else if (failure instanceof ApiException api) {
        if (api.status() == 429) {
          delay = min(api.retryAfter().orElse(backoff()), options.backoffMax());
        } else if (api.status() >= 500 || "server_error".equals(api.type())) {
          delay = backoff();
        } else {
          result.completeExceptionally(failure);
          return;
        }
      } else if (failure instanceof ConfigurationException) {
        result.completeExceptionally(failure);
        return;
      } else if (neverSent(failure)) {
        retireIfLost(held);
        delay = backoff();
      } else {
        // The request may have reached the server, and nothing says what became of it.
        retireIfLost(held);
        if (!options.replayWhenOutcomeUnknown()) {
          result.completeExceptionally(new TurnOutcomeUnknownException(index, failure));
          return;
        }
        delay = backoff();
      }
      if (attempts >= options.maxAttempts()) {
        LOG.debug("turn {}: retry budget of {} attempts spent", index, options.maxAttempts());
        result.completeExceptionally(failure);
        return;
      }
      LOG.debug("turn {}: attempt {} failed ({}), retrying in {}", index, attempts, failure, delay);
      if (delay.isZero()) {
        attempt();
      } else {
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
            .execute(this::attempt);
      }
    }

    private Duration backoff() {
      long base = options.backoffBase().toNanos() << Math.min(attempts - 1, 20);
      long capped = Math.min(Math.max(base, 0), options.backoffMax().toNanos());
      // Half fixed, half random, so conversations that failed together do not retry together.
      return Duration.ofNanos(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private Plan plan(SessionLease held) {
      boolean stored = !Boolean.FALSE.equals(request.store());
      ContextMode mode;
      ContextReason reason;
      if (lastResponseId == null) {
        mode = ContextMode.FULL;
        reason = ContextReason.FIRST_TURN;
      } else if (forcedFull != null) {
        mode = ContextMode.FULL;
        reason = forcedFull;
      } else if (!settingsOf(request).equals(lastSettings)) {
        mode = ContextMode.FULL;
        reason = ContextReason.SETTINGS_CHANGED;
      } else if (stored) {
        mode = ContextMode.INCREMENTAL;
        reason = lastWasWarmup ? ContextReason.WARMED_UP : ContextReason.CONTINUATION;
      } else if (!held.capabilities().contains(Capability.CONNECTION_LOCAL_STATE)) {
        mode = ContextMode.FULL;
        reason = ContextReason.NO_SERVER_STATE;
      } else if (!held.sameConnectionAs(lastLease)) {
        mode = ContextMode.FULL;
        reason = ContextReason.NEW_CONNECTION;
      } else {
        mode = ContextMode.INCREMENTAL;
        reason = lastWasWarmup ? ContextReason.WARMED_UP : ContextReason.CONTINUATION;
      }
      List<Item> input;
      if (mode == ContextMode.INCREMENTAL) {
        input = newItems;
      } else {
        input = new ArrayList<>(transcript);
        input.addAll(newItems);
      }
      CreateRequest wire =
          request.toBuilder()
              .input(input)
              .previousResponseId(mode == ContextMode.INCREMENTAL ? lastResponseId : null)
              .streamId(held.streamId())
              .build();
      return new Plan(mode, reason, wire);
    }

    /** Sends the warm-up before the first turn when asked to and the transport can. */
    private CompletableFuture<SessionLease> warmupIfWanted(SessionLease held) {
      boolean stored = !Boolean.FALSE.equals(request.store());
      synchronized (DefaultConversation.this) {
        if (!options.warmup()
            || warmupTried
            || lastResponseId != null
            || !held.capabilities().contains(Capability.WARMUP)
            || !(stored || held.capabilities().contains(Capability.CONNECTION_LOCAL_STATE))) {
          return CompletableFuture.completedFuture(held);
        }
        warmupTried = true;
      }
      CreateRequest warmup =
          request.toBuilder()
              .input(List.of())
              .generate(false)
              .previousResponseId(null)
              .streamId(held.streamId())
              .build();
      return host.send(held, warmup)
          .drain()
          .handle(
              (response, error) -> {
                if (error != null) {
                  LOG.debug("warm-up failed; the first turn sends the full context", error);
                } else {
                  synchronized (DefaultConversation.this) {
                    lastResponseId = response.id();
                    lastWasWarmup = true;
                    lastSettings = settingsOf(request);
                    lastLease = held;
                  }
                }
                return held;
              });
    }
  }

  /** The conversation's session, replaced at this turn boundary when lost or too old. */
  private CompletableFuture<SessionLease> leaseForTurn() {
    SessionLease stale = null;
    SessionLease held;
    synchronized (this) {
      held = lease;
      if (held != null && (!held.isOpen() || held.isAged(options.rotateAfter(), options.clock()))) {
        stale = held;
        lease = null;
        held = null;
      }
    }
    if (stale != null) {
      LOG.debug("conversation moves to a new session (lost or past {})", options.rotateAfter());
      host.release(stale, false);
    }
    if (held != null) {
      return CompletableFuture.completedFuture(held);
    }
    return host.acquire(options.rotateAfter(), options.clock())
        .thenApply(
            acquired -> {
              boolean giveBack;
              synchronized (this) {
                giveBack = closed;
                if (!closed) {
                  lease = acquired;
                }
              }
              if (giveBack) {
                host.release(acquired, true);
                throw ConnectionException.notSent("the conversation was closed", null);
              }
              return acquired;
            });
  }

  private void retire(SessionLease held) {
    if (held == null) {
      return;
    }
    synchronized (this) {
      if (lease != held) {
        return;
      }
      lease = null;
    }
    host.release(held, false);
  }

  private void retireIfLost(SessionLease held) {
    if (held != null && !held.isOpen()) {
      retire(held);
    }
  }

  private static boolean neverSent(AgentChannelException failure) {
    if (failure instanceof ConnectionException connection) {
      return !connection.requestMayHaveBeenSent();
    }
    return failure instanceof PhaseTimeoutException timeout
        && timeout.phase() == PhaseTimeoutException.Phase.CONNECT;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
