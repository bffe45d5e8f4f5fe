package jocker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import jocker.course.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Dockerfile parser: what it reads from each line, and the errors it gives, naming file and line. */
@DisplayName("Dockerfile parser")
class DockerfileTest {

    @Test
    @DisplayName("comments, blank lines and continuations: each instruction keeps the line it starts on")
    void continuationsAndComments() {
        Dockerfile file = Dockerfile.parse("""
                # a comment
                from busybox

                RUN echo one \\
                # a comment inside the continuation is skipped
                    two \\

                    three
                cmd ["echo", "done"]
                """, "Dockerfile");

        Stage stage = file.stages().get(0);
        assertThat(stage.from().line()).isEqualTo(2);
        assertThat(stage.from().keyword()).isEqualTo("FROM");
        Instruction run = stage.instructions().get(0);
        assertThat(run.line()).isEqualTo(4);
        assertThat(run.args()).containsExactly("echo one     two     three");
        assertThat(run.execForm()).isFalse();
        Instruction cmd = stage.instructions().get(1);
        assertThat(cmd.line()).isEqualTo(9);
        assertThat(cmd.execForm()).isTrue();
        assertThat(cmd.args()).containsExactly("echo", "done");
    }

    @Test
    @DisplayName("the escape directive makes ` the escape and line-continuation character")
    void escapeDirective() {
        Dockerfile file = Dockerfile.parse("""
                # escape=`
                # syntax=docker/dockerfile:1
                FROM busybox
                COPY C:\\src `
                     C:\\dst
                """, "Dockerfile");

        assertThat(file.escape()).isEqualTo('`');
        assertThat(file.stages().get(0).instructions().get(0).args()).containsExactly("C:\\src", "C:\\dst");
    }

    @Test
    @DisplayName("a directive after another line is only a comment")
    void lateDirectiveIsAComment() {
        Dockerfile file = Dockerfile.parse("FROM busybox\n# escape=`\nRUN echo \\\n hi\n", "Dockerfile");

        assertThat(file.escape()).isEqualTo('\\');
        assertThat(file.stages().get(0).instructions().get(0).args()).containsExactly("echo  hi");
    }

    @Test
    @DisplayName("flags, exec and shell forms, ENV's two forms, stages with AS names")
    void argumentsAndStages() {
        Dockerfile file = Dockerfile.parse("""
                ARG BASE=busybox
                FROM $BASE AS Build
                ENV A=1 B="two words"
                ENV OLD legacy form value
                COPY --chown=1:2 --chmod=644 a b /dst/
                FROM scratch
                COPY --from=build ["/out", "/out"]
                LABEL version=1.0
                """, "Dockerfile");

        assertThat(file.metaArgs()).extracting(Instruction::args).containsExactly(List.of("BASE=busybox"));
        assertThat(file.stages()).extracting(Stage::name).containsExactly("build", null);
        List<Instruction> build = file.stages().get(0).instructions();
        assertThat(build.get(0).args()).containsExactly("A=1", "B=\"two words\"");
        assertThat(build.get(1).args()).containsExactly("OLD=legacy form value");
        assertThat(build.get(2).flags()).isEqualTo(Map.of("chown", "1:2", "chmod", "644"));
        assertThat(build.get(2).args()).containsExactly("a", "b", "/dst/");
        Instruction copy = file.stages().get(1).instructions().get(0);
        assertThat(copy.flag("from")).isEqualTo("build");
        assertThat(copy.args()).containsExactly("/out", "/out");
        assertThat(file.stageBefore("build", 1)).isSameAs(file.stages().get(0));
        assertThat(file.stageBefore("0", 1)).isSameAs(file.stages().get(0));
        assertThat(file.stepCount(null)).isEqualTo(8);
        assertThat(file.stagesUpTo("BUILD")).hasSize(1);
        assertThat(file.stepCount("build")).isEqualTo(5);
    }

    @Test
    @Graded(exercise = "5.7", points = 1)
    @DisplayName("an ARG before FROM is usable in FROM lines, its default overridden by --build-arg")
    void metaArgsInFrom() {
        Dockerfile file = Dockerfile.parse("""
                ARG REPO=library
                ARG IMAGE=${REPO}/busybox
                ARG TAG
                FROM $IMAGE:${TAG:-latest}
                FROM ${IMAGE}
                """, "Dockerfile");

        Map<String, String> defaults = file.metaArgValues(Map.of());
        assertThat(file.base(file.stages().get(0), defaults)).isEqualTo("library/busybox:latest");
        Map<String, String> given = file.metaArgValues(Map.of("TAG", "1.36", "REPO", "me"));
        assertThat(file.base(file.stages().get(0), given)).isEqualTo("me/busybox:1.36");
        assertThat(file.base(file.stages().get(1), given)).isEqualTo("me/busybox");
    }

    @Test
    @DisplayName("errors name the file, the line and the instruction")
    void errorsNameFileLineAndInstruction() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM busybox\n\n# c\nRUN true\\\n  && true\nCOPY onlyone\n",
                "Dockerfile.dev"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile.dev:6: COPY: needs a source and a destination");
        assertThatThrownBy(() -> Dockerfile.parse("FROM busybox\nCOPPY a b\n", "Dockerfile"))
                .hasMessage("Dockerfile:2: unknown instruction: COPPY");
        assertThatThrownBy(() -> Dockerfile.parse("FROM busybox\nCOPY --link a b\n", "Dockerfile"))
                .hasMessage("Dockerfile:2: COPY: unknown flag: --link");
        assertThatThrownBy(() -> Dockerfile.parse("FROM --platform=linux/arm64 busybox\n", "Dockerfile"))
                .hasMessageStartingWith("Dockerfile:1: FROM: --platform is not supported");
        assertThatThrownBy(() -> Dockerfile.parse("RUN true\nFROM busybox\n", "Dockerfile"))
                .hasMessage("Dockerfile:1: RUN: comes before the first FROM; only ARG may");
        assertThatThrownBy(() -> Dockerfile.parse("# only a comment\n", "Dockerfile"))
                .hasMessageStartingWith("Dockerfile: no FROM instruction");
        assertThatThrownBy(() -> Dockerfile.parse("FROM a AS x\nFROM b AS X\n", "Dockerfile"))
                .hasMessageStartingWith("Dockerfile:2: FROM: duplicate stage name \"x\"");
        assertThatThrownBy(() -> Dockerfile.parse("FROM busybox\nHEALTHCHECK CMD true\n", "Dockerfile"))
                .hasMessageStartingWith("Dockerfile:2: HEALTHCHECK: not supported");
        assertThatThrownBy(() -> Dockerfile.parse("FROM busybox\nSHELL /bin/bash -c\n", "Dockerfile"))
                .hasMessageStartingWith("Dockerfile:2: SHELL: needs a JSON array");
        assertThatThrownBy(() -> Dockerfile.parse("FROM busybox\nENV NAME\n", "Dockerfile"))
                .hasMessageStartingWith("Dockerfile:2: ENV: \"NAME\" needs a value");
        assertThatThrownBy(() -> Dockerfile.parse("FROM a\n", "Dockerfile").stagesUpTo("nope"))
                .hasMessage("Dockerfile: --target: no stage is named \"nope\"");
    }
}
