package io.agentchannel.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "2m, PT2M",
    "1h, PT1H",
    "0, PT0S",
    "0s, PT0S",
    "0ms, PT0S",
    "PT30S, PT30S",
    "pt1m30s, PT1M30S",
    "' 45S ', PT45S",
    "10 ms, PT0.01S",
    "P1D, PT24H"
  })
  void readsEveryDocumentedForm(String text, String expected) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "500", "+5", "-1"})
  void rejectsBareNumbersOtherThanZero(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare number is ambiguous");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5s", "PT-5S", "-PT5S"})
  void rejectsNegatives(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "1.5s", "5 minutes", "5d", "s", "PTX", "1m30s", "abc"})
  void rejectsEverythingElse(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9223372036854775807h"})
  void rejectsNumbersTooLarge(String text) {
    assertThatThrownBy(() -> DurationParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0",
    "PT2H, 2h",
    "PT5M, 5m",
    "PT30S, 30s",
    "PT1.5S, 1500ms",
    "PT0.000001S, PT0.000001S"
  })
  void formatsTheShortestFormThatReadsBack(String iso, String text) {
    Duration d = Duration.parse(iso);
    assertThat(DurationParser.format(d)).isEqualTo(text);
    assertThat(DurationParser.parse(text)).isEqualTo(d);
  }
}
