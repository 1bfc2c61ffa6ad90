package io.agentchannel.testing;

import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import io.agentchannel.wire.model.Usage;
import java.util.ArrayList;
import java.util.List;

/** Builds the event sequences a Responses server sends, for tests of the layers above the wire. */
public final class Events {

  private Events() {}

  public static Response response(String id, String status, String text) {
    return Response.builder(id)
        .createdAt(1_767_225_600L)
        .status(status)
        .model("test-model")
        .output(text == null ? List.of() : List.of(MessageItem.assistant("msg_" + id, text)))
        .usage(Response.STATUS_COMPLETED.equals(status) ? Usage.of(10, 0, 5, 0) : null)
        .build();
  }

  public static ServerEvent.OutputTextDelta delta(long seq, String text) {
    return new ServerEvent.OutputTextDelta(EventMeta.of(seq), "msg_1", 0, 0, text);
  }

  public static ServerEvent.ResponseCompleted completed(long seq, String id, String text) {
    return new ServerEvent.ResponseCompleted(
        EventMeta.of(seq), response(id, Response.STATUS_COMPLETED, text));
  }

  public static ServerEvent.Error error(String code) {
    return new ServerEvent.Error(
        EventMeta.of(EventMeta.NO_SEQUENCE),
        400,
        ErrorDetail.of("invalid_request_error", code, "failed: " + code, "previous_response_id"),
        ServerEvent.ErrorShape.NESTED);
  }

  /** The full SSE event sequence of a plain text answer, split into the given deltas. */
  public static List<ServerEvent> textAnswer(String responseId, List<String> deltas) {
    List<ServerEvent> events = new ArrayList<>();
    long seq = 0;
    String text = String.join("", deltas);
    String itemId = "msg_" + responseId;
    Response inProgress = response(responseId, Response.STATUS_IN_PROGRESS, null);
    events.add(new ServerEvent.ResponseCreated(EventMeta.of(seq++), inProgress));
    events.add(new ServerEvent.ResponseInProgress(EventMeta.of(seq++), inProgress));
    events.add(
        new ServerEvent.OutputItemAdded(
            EventMeta.of(seq++),
            0,
            new MessageItem(itemId, "assistant", "in_progress", List.of(), null)));
    events.add(
        new ServerEvent.ContentPartAdded(
            EventMeta.of(seq++), itemId, 0, 0, ContentPart.outputText("")));
    for (String delta : deltas) {
      events.add(new ServerEvent.OutputTextDelta(EventMeta.of(seq++), itemId, 0, 0, delta));
    }
    events.add(new ServerEvent.OutputTextDone(EventMeta.of(seq++), itemId, 0, 0, text));
    events.add(
        new ServerEvent.ContentPartDone(
            EventMeta.of(seq++), itemId, 0, 0, ContentPart.outputText(text)));
    events.add(
        new ServerEvent.OutputItemDone(
            EventMeta.of(seq++), 0, MessageItem.assistant(itemId, text)));
    events.add(
        new ServerEvent.ResponseCompleted(
            EventMeta.of(seq), response(responseId, Response.STATUS_COMPLETED, text)));
    return events;
  }
}
