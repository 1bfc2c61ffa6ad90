package io.agentchannel.sim.internal.engine;

import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Item;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a model sees of a turn.
 *
 * @param request the request as sent
 * @param context the whole conversation: the chain's items (inputs and outputs of earlier
 *     responses) followed by this request's input
 * @param priorResponses how many responses the chain already holds before this one
 * @param directives the settings the latest user message gives
 * @param random this turn's seeded randomness
 * @param defaultToolCalls how many calls {@code tool-loop} makes unless told otherwise
 */
public record TurnInput(
    CreateRequest request,
    List<Item> context,
    int priorResponses,
    Directives directives,
    SplittableRandom random,
    int defaultToolCalls) {}
