package jocker.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class OciRuntimeSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** Tests that need the schema; the unavailable-schema ones set the property themselves. */
    void needsSchema() {
        OciRuntimeSchema.assumeAvailable();
    }

    /** The smallest config that a Linux runtime would take. */
    private static ObjectNode minimal() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {
                  "ociVersion": "1.0.2",
                  "process": {
                    "args": ["sh"],
                    "cwd": "/",
                    "user": {"uid": 0, "gid": 0}
                  },
                  "root": {"path": "rootfs"},
                  "linux": {
                    "namespaces": [{"type": "pid"}]
                  }
                }
                """);
    }

    private List<String> problems(ObjectNode config) throws IOException {
        Path file = dir.resolve("config.json");
        JSON.writeValue(file.toFile(), config);
        return OciRuntimeSchema.problems(file);
    }

    @Test
    @DisplayName("a minimal Linux config.json has no problems")
    void minimalIsValid() throws IOException {
        needsSchema();
        assertThat(problems(minimal())).isEmpty();
    }

    @Test
    @DisplayName("a config.json without ociVersion: the problem names ociVersion")
    void missingOciVersion() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.remove("ociVersion");

        assertThat(problems(config)).singleElement().asString()
                .isEqualTo("$: required property 'ociVersion' not found");
    }

    @Test
    @DisplayName("process.cwd that is not a string: the problem names $.process.cwd")
    void cwdNotAString() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.withObjectProperty("process").put("cwd", 42);

        assertThat(problems(config)).singleElement().asString()
                .startsWith("$.process.cwd").contains("string expected").endsWith("(found 42)");
    }

    @Test
    @DisplayName("process.cwd is required when there is a process")
    void cwdMissing() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.withObjectProperty("process").remove("cwd");

        assertThat(problems(config)).singleElement().asString()
                .startsWith("$.process").contains("cwd");
    }

    @Test
    @DisplayName("a relative process.cwd passes: the spec says it MUST be absolute, the schema only asks for a string")
    void relativeCwdIsNotCheckedByTheSchema() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.withObjectProperty("process").put("cwd", "relative/dir");

        assertThat(problems(config)).isEmpty();
    }

    @Test
    @DisplayName("a namespace of type bogus: the problem names $.linux.namespaces[0].type")
    void bogusNamespace() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.withObjectProperty("linux").withArrayProperty("namespaces").addObject().put("type", "bogus");

        assertThat(problems(config)).singleElement().asString()
                .startsWith("$.linux.namespaces[1].type").contains("enumeration").endsWith("(found \"bogus\")");
    }

    @Test
    @DisplayName("linux.resources.memory.limit as a string: the problem names the field")
    void memoryLimitAsString() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.withObjectProperty("linux").withObjectProperty("resources").withObjectProperty("memory")
                .put("limit", "64m");

        assertThat(problems(config)).singleElement().asString()
                .startsWith("$.linux.resources.memory.limit").contains("integer expected");
    }

    @Test
    @DisplayName("the problems of one config are all reported, not only the first")
    void allProblems() throws IOException {
        needsSchema();
        ObjectNode config = minimal();
        config.remove("ociVersion");
        config.withObjectProperty("process").put("cwd", 42);
        config.withObjectProperty("linux").withArrayProperty("namespaces").addObject().put("type", "bogus");

        assertThat(problems(config)).hasSize(3);
    }

    @Test
    @DisplayName("a config.json that is not JSON is one problem")
    void notJson() throws IOException {
        needsSchema();
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"ociVersion\": ");

        assertThat(OciRuntimeSchema.problems(file)).singleElement().asString().startsWith("not JSON");
    }

    @Test
    @DisplayName("the config.json that runc spec writes has no problems")
    void runcSpec() throws Exception {
        needsSchema();
        Path runc = Path.of("/usr/sbin/runc");
        if (!Files.isExecutable(runc)) {
            abort("requires runc: install the Debian package runc");
        }
        Process spec = new ProcessBuilder(runc.toString(), "spec")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(spec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(spec.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(spec.exitValue()).as("runc spec: %s", output).isZero();

        assertThat(OciRuntimeSchema.problems(dir.resolve("config.json"))).isEmpty();
    }

    @Test
    @DisplayName("the installed schema is found in Debian's place")
    void foundWhereDebianPutsIt() {
        needsSchema();
        assertThat(OciRuntimeSchema.available()).isTrue();
        assertThat(OciRuntimeSchema.unavailableReason()).isEmpty();
        assertThat(OciRuntimeSchema.directory()).get()
                .matches(d -> Files.isRegularFile(d.resolve("defs-linux.json")));
    }

    @Test
    @DisplayName("a $ref outside the schema directory is refused, never fetched")
    void nothingFetched() throws IOException {
        Files.writeString(dir.resolve("config-schema.json"), """
                {
                  "$schema": "http://json-schema.org/draft-04/schema#",
                  "properties": {"remote": {"$ref": "https://opencontainers.invalid/defs.json#/definitions/x"}}
                }
                """);
        var schema = OciRuntimeSchema.load(dir);

        assertThatThrownBy(() -> schema.validate(JSON.readTree("{\"remote\": 1}")))
                .hasMessageContaining("opencontainers.invalid").hasMessageContaining("not allowed");
    }

    @Test
    @DisplayName("without the schema: the reason says what to install, and problems() skips the test")
    void unavailable() throws IOException {
        String before = System.getProperty(OciRuntimeSchema.DIRECTORY_PROPERTY);
        System.setProperty(OciRuntimeSchema.DIRECTORY_PROPERTY, dir.toString());
        try {
            assertThat(OciRuntimeSchema.available()).isFalse();
            assertThat(OciRuntimeSchema.unavailableReason()).get().asString()
                    .contains("golang-github-opencontainers-specs-dev")
                    .contains(dir.toString());
            assertThatThrownBy(() -> OciRuntimeSchema.problems(minimal().toString()))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("golang-github-opencontainers-specs-dev");
        } finally {
            if (before == null) {
                System.clearProperty(OciRuntimeSchema.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(OciRuntimeSchema.DIRECTORY_PROPERTY, before);
            }
        }
    }
}
