package io.agentchannel.sim.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void aNodeIsCountedByTheLengthOfItsCompactJson() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    nodes.add(
        new ObjectMapper()
            .readTree(
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\","
                    + "\"description\":\"Directory \\\"to\\\" test\\\\here\"},\"n\":{\"type\":"
                    + "\"integer\",\"minimum\":-3,\"maximum\":1e3,\"multipleOf\":0.25}},"
                    + "\"required\":[\"path\"],\"additionalProperties\":false,\"x\":null,"
                    + "\"e\":{},\"a\":[],\"nested\":[[1,2],[true,{\"k\":\"é€😀\"}]]}"));
    nodes.add(NODES.objectNode());
    nodes.add(NODES.arrayNode());
    nodes.add(NODES.numberNode(2.0));
    nodes.add(NODES.numberNode(-0.0));
    nodes.add(NODES.numberNode(1.5f));
    nodes.add(NODES.numberNode(Long.MIN_VALUE));
    nodes.add(NODES.numberNode(new BigInteger("123456789012345678901234567890")));
    nodes.add(NODES.numberNode(new BigDecimal("1.50E+3")));
    nodes.add(NODES.numberNode((short) 7));
    nodes.add(NODES.booleanNode(true));
    nodes.add(NODES.booleanNode(false));
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      every.append(c);
    }
    nodes.add(NODES.textNode(every.toString()));
    nodes.add(NODES.textNode("\uD83D lone surrogate, \u2028, \u007F"));
    ObjectNode keys = NODES.objectNode();
    keys.put("a\"b\\c\n\u0001", 1);
    nodes.add(keys);
    ArrayNode mixed = NODES.arrayNode().add(1).addNull().add("x").add(NODES.objectNode());
    nodes.add(mixed);

    for (JsonNode node : nodes) {
      assertThat(Tokens.jsonLength(node)).as(node.toString()).isEqualTo(node.toString().length());
      assertThat(Tokens.of(node)).isEqualTo(Tokens.of(node.toString()));
    }
  }

  @Test
  void noNodeCountsNothing() {
    assertThat(Tokens.of((JsonNode) null)).isZero();
    assertThat(Tokens.of(NODES.nullNode())).isZero();
  }
}
