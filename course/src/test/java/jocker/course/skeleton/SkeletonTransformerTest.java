package jocker.course.skeleton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SkeletonTransformerTest {

    private static String skeleton(String source) throws SkeletonException {
        return SkeletonTransformer.transform("jocker/Jail.java", source).text();
    }

    @Test
    @DisplayName("a region becomes its hint and an Exercise.todo statement at the same indent")
    void regionBecomesStub() throws SkeletonException {
        var source = """
                package jocker;

                import java.nio.file.Path;

                public class Jail {
                    // tag::enter[]
                    void enter(Path rootfs) {
                        // begin exercise 1.1: chroot(2) into the rootfs, then chdir(2) to "/" so the process stands inside the jail.
                        LibC.chroot(rootfs.toString());
                        LibC.chdir("/");
                        // end exercise 1.1
                    }
                    // end::enter[]
                }
                """;
        var result = SkeletonTransformer.transform("jocker/Jail.java", source);

        assertThat(result.text()).isEqualTo("""
                package jocker;

                import java.nio.file.Path;
                import jocker.course.Exercise;

                public class Jail {
                    // tag::enter[]
                    void enter(Path rootfs) {
                        // Exercise 1.1: chroot(2) into the rootfs, then chdir(2) to "/" so the process stands inside the jail.
                        Exercise.todo("1.1", "chroot(2) into the rootfs, then chdir(2) to \\"/\\" so the process stands inside the jail.");
                    }
                    // end::enter[]
                }
                """);
        assertThat(result.regions()).containsExactly(new Region("1.1",
                "chroot(2) into the rootfs, then chdir(2) to \"/\" so the process stands inside the jail.",
                "jocker/Jail.java", 8, false));
    }

    @Test
    @DisplayName("a region that ends in a return becomes a return of Exercise.todo")
    void returnForm() throws SkeletonException {
        var text = skeleton("""
                package jocker;

                class Pid {
                    int read() {
                        // begin exercise 1.2: parse the pid.
                        if (cached > 0) {
                            return cached;
                        }
                        return Integer.parseInt(
                                text.strip());
                        // end exercise 1.2
                    }
                }
                """);
        assertThat(text).contains("""
                        // Exercise 1.2: parse the pid.
                        return Exercise.todo("1.2", "parse the pid.");
                    }
                """);
    }

    @Test
    @DisplayName("returns nested in an if or a bare return; leave the statement form")
    void statementFormDespiteInnerReturn() throws SkeletonException {
        var text = skeleton("""
                class A {
                    void run() {
                        // begin exercise 1.3: check it.
                        if (done) {
                            return;
                        }
                        go();
                        // end exercise 1.3
                        // begin exercise 1.4: stop early.
                        stop();
                        return;
                        // end exercise 1.4
                    }
                }
                """);
        assertThat(text).contains("        Exercise.todo(\"1.3\", \"check it.\");\n")
                .contains("        Exercise.todo(\"1.4\", \"stop early.\");\n");
    }

    @Test
    @DisplayName("a hint continues on comment lines indented three spaces; they stay as written")
    void hintContinuation() throws SkeletonException {
        var result = SkeletonTransformer.transform("A.java", """
                package a;

                class A {
                    void run() {
                        // begin exercise 2.1: mount proc(5) at /proc,
                        //   then unmount the old root.
                        // a note that is part of the reference code
                        mount();
                        // end exercise 2.1
                    }
                }
                """);
        assertThat(result.regions().get(0).hint()).isEqualTo("mount proc(5) at /proc, then unmount the old root.");
        assertThat(result.text()).contains("""
                        // Exercise 2.1: mount proc(5) at /proc,
                        //   then unmount the old root.
                        Exercise.todo("2.1", "mount proc(5) at /proc, then unmount the old root.");
                    }
                """).doesNotContain("a note");
    }

    @Test
    @DisplayName("the import goes in alphabetical place, or in a block of its own")
    void importPlacement() throws SkeletonException {
        var region = """
                class A {
                    void run() {
                        // begin exercise 1.1: do it.
                        it();
                        // end exercise 1.1
                    }
                }
                """;
        assertThat(skeleton("package a;\n\nimport java.util.List;\nimport picocli.CommandLine;\n\n" + region))
                .startsWith("package a;\n\nimport java.util.List;\nimport jocker.course.Exercise;\n"
                        + "import picocli.CommandLine;\n\nclass A {");
        assertThat(skeleton("package a;\n\n" + region))
                .startsWith("package a;\n\nimport jocker.course.Exercise;\n\nclass A {");
        assertThat(skeleton("package a;\n\nimport jocker.course.Exercise;\n\n" + region))
                .startsWith("package a;\n\nimport jocker.course.Exercise;\n\nclass A {");
        assertThat(skeleton("package a;\n\nimport static java.lang.Math.max;\n\n" + region))
                .startsWith("package a;\n\nimport jocker.course.Exercise;\n\nimport static java.lang.Math.max;\n");
    }

    @Test
    @DisplayName("a file without regions is left exactly as it is, CRLF endings included")
    void untouchedAndLineEndings() throws SkeletonException {
        var plain = "package a;\r\n\r\nclass A {\r\n}";
        assertThat(skeleton(plain)).isEqualTo(plain);
        var crlf = "package a;\r\n\r\nclass A {\r\n  void f() {\r\n    // begin exercise 1.1: x.\r\n"
                + "    f();\r\n    // end exercise 1.1\r\n  }\r\n}\r\n";
        assertThat(skeleton(crlf)).isEqualTo("package a;\r\n\r\nimport jocker.course.Exercise;\r\n\r\nclass A {\r\n"
                + "  void f() {\r\n    // Exercise 1.1: x.\r\n    Exercise.todo(\"1.1\", \"x.\");\r\n  }\r\n}\r\n");
    }

    @Test
    @DisplayName("hints are escaped as Java string literals")
    void escaping() {
        assertThat(SkeletonTransformer.escape("a \"b\" \\ c\td")).isEqualTo("a \\\"b\\\" \\\\ c\\td");
    }

    @Test
    @DisplayName("a mismatched end is an error naming file and line")
    void mismatchedEnd() {
        assertThatThrownBy(() -> skeleton("""
                class A {
                    // begin exercise 1.1: x.
                    f();
                    // end exercise 1.2
                }
                """)).isInstanceOf(SkeletonException.class)
                .hasMessage("jocker/Jail.java:4: '// end exercise 1.2' closes exercise 1.1 (begun at line 2)");
    }

    @Test
    @DisplayName("unterminated, nested, stray and malformed markers are errors")
    void malformedRegions() {
        assertThatThrownBy(() -> skeleton("// begin exercise 1.1: x.\nf();\n"))
                .hasMessage("jocker/Jail.java:1: exercise 1.1 has no '// end exercise 1.1'");
        assertThatThrownBy(() -> skeleton("// begin exercise 1.1: x.\n// begin exercise 1.2: y.\n"))
                .hasMessageContaining(":2: a marker inside exercise 1.1");
        assertThatThrownBy(() -> skeleton("f();\n// end exercise 1.1\n"))
                .hasMessage("jocker/Jail.java:2: '// end exercise 1.1' ends no region");
        assertThatThrownBy(() -> skeleton("// begin exercise 1.1 no colon\n"))
                .hasMessageContaining(":1: malformed marker");
        assertThatThrownBy(() -> skeleton("// begin exercise 1.1:\nf();\n// end exercise 1.1\n"))
                .hasMessageContaining("exercise 1.1 has no hint");
    }
}
