package io.agentchannel;

import static io.agentchannel.Isolated.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.error.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentChannelOptionsPropertiesFileTest {

  @TempDir Path dir;

  @Test
  void fileNamedInCodeIsRead() throws IOException {
    Path file =
        write(
            "a.properties",
            "# shared with the application\n"
                + "server.port=8080\n"
                + "agentchannel.transport=http\n"
                + "agentchannel.timeout.first-event = 20s\n"
                + "agentchannel.stream.buffer-events=64   \n"
                + "agentchannel.http.pool-size=8\n");

    AgentChannelOptions o = Isolated.builder().propertiesFile(file).build();

    assertThat(o.transport()).isEqualTo("http");
    assertThat(o.timeouts().firstEvent()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.streamBufferEvents()).isEqualTo(64);
    assertThat(o.setting("agentchannel.http.pool-size")).contains("8");
    assertThat(o.sourceOf("agentchannel.config-file")).isEqualTo("code");
    assertThat(o.setting("agentchannel.config-file")).contains(file.toString());
    assertThat(o.toString()).contains("configFile=" + file.toAbsolutePath());
  }

  @Test
  void fileNamedByEnvironmentOrSystemProperty() throws IOException {
    Path fromEnv = write("env.properties", "agentchannel.transport=from-env-file\n");
    Path fromSys = write("sys.properties", "agentchannel.transport=from-sys-file\n");
    Path fromCode = write("code.properties", "agentchannel.transport=from-code-file\n");
    Map<String, String> env = Map.of("AGENTCHANNEL_CONFIG_FILE", fromEnv.toString());

    assertThat(Isolated.builder(env).build().transport()).isEqualTo("from-env-file");
    assertThat(
            Isolated.builder(env, props("agentchannel.config-file", fromSys.toString()))
                .build()
                .transport())
        .isEqualTo("from-sys-file");
    assertThat(
            Isolated.builder(env, props("agentchannel.config-file", fromSys.toString()))
                .propertiesFile(fromCode)
                .build()
                .transport())
        .isEqualTo("from-code-file");
  }

  @Test
  void theFileCannotNameAnotherFile() throws IOException {
    Path other = write("other.properties", "agentchannel.transport=other\n");
    Path file =
        write(
            "main.properties",
            "agentchannel.config-file=" + other.toString().replace("\\", "/") + "\n");

    AgentChannelOptions o = Isolated.builder().propertiesFile(file).build();

    assertThat(o.transport()).isEqualTo("auto");
    assertThat(o.sourceOf("agentchannel.config-file")).isEqualTo("code");
  }

  @Test
  void missingFileNamesThePathAndWhereItCameFrom() {
    Path missing = dir.resolve("nope.properties");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(Map.of("AGENTCHANNEL_CONFIG_FILE", missing.toString())).build());

    assertThat(e.setting()).isEqualTo("agentchannel.config-file");
    assertThat(e.getMessage())
        .contains(missing.toAbsolutePath().toString())
        .contains("does not exist")
        .contains("environment variable AGENTCHANNEL_CONFIG_FILE");
  }

  @Test
  void directoryIsNotAFile() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Isolated.builder().propertiesFile(dir).build());

    assertThat(e.setting()).isEqualTo("agentchannel.config-file");
    assertThat(e.getMessage()).contains(dir.toString()).contains("not a regular file");
  }

  @Test
  void malformedFileIsReportedWithItsPath() throws IOException {
    Path file = write("bad.properties", "agentchannel.transport=\\uZZZZ\n");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Isolated.builder().propertiesFile(file).build());

    assertThat(e.setting()).isEqualTo("agentchannel.config-file");
    assertThat(e.getMessage()).contains(file.toString()).contains("cannot be read");
  }

  @Test
  void badValueInTheFileNamesTheFileAndKey() throws IOException {
    Path file = write("t.properties", "agentchannel.timeout.connect=10\n");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Isolated.builder().propertiesFile(file).build());

    assertThat(e.setting()).isEqualTo("agentchannel.timeout.connect");
    assertThat(e.getMessage())
        .contains(
            "properties file " + file.toAbsolutePath() + " (key agentchannel.timeout.connect)");
  }

  @Test
  void readsUtf8AndFallsBackToIso88591() throws IOException {
    Path utf8 = dir.resolve("utf8.properties");
    Files.writeString(utf8, "agentchannel.vendor.label=caf\u00e9\n", StandardCharsets.UTF_8);
    Path latin1 = dir.resolve("latin1.properties");
    Files.writeString(latin1, "agentchannel.vendor.label=caf\u00e9\n", StandardCharsets.ISO_8859_1);

    assertThat(Isolated.builder().propertiesFile(utf8).build().setting("agentchannel.vendor.label"))
        .contains("caf\u00e9");
    assertThat(
            Isolated.builder().propertiesFile(latin1).build().setting("agentchannel.vendor.label"))
        .contains("caf\u00e9");
  }

  @Test
  void blankValueInTheFileIsAnError() throws IOException {
    Path file = write("blank.properties", "agentchannel.transport=\n");

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Isolated.builder().propertiesFile(file).build());

    assertThat(e.setting()).isEqualTo("agentchannel.transport");
    assertThat(e.getMessage()).contains("blank");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
