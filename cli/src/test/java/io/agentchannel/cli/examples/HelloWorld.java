package io.agentchannel.cli.examples;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;

/**
 * The README's hello world: one request over the Vert.x transport, its answer printed. The base URL
 * and the API key come from the usual settings ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY} or
 * their {@code agentchannel.*} keys).
 */
public final class HelloWorld {

  private HelloWorld() {}

  public static void main(String[] args) {
    // readme:start
    AgentChannelOptions options =
        AgentChannelOptions.builder()
            .transport("vertx") // or http, websocket, auto
            .build(); // base URL and API key from OPENAI_BASE_URL and OPENAI_API_KEY
    try (AgentChannel channel = AgentChannels.create(options)) {
      CreateRequest request = CreateRequest.builder().model("gpt-5.5").input("Say hello.").build();
      Response response =
          channel
              .create(request) // a Flow.Publisher of the streamed events
              .drain() // here: skip the events, wait for the final response
              .join();
      System.out.println(response.outputText());
    }
    // readme:end
  }
}
