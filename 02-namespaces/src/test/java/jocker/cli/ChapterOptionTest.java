package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Not graded: {@code jocker --chapter N} shows the command line as chapter N left it. */
@DisplayName("jocker --chapter N")
class ChapterOptionTest {

    @Test
    @DisplayName("--chapter 1 has chapter 1's run and escape only; without it, run is chapter 2's")
    void chapterPicksTheCommands() {
        var one = Jocker.commandLine(1).getSubcommands();
        assertThat(one.keySet()).containsExactlyInAnyOrder("run", "escape");
        assertThat((Object) one.get("run").getCommand()).isInstanceOf(jocker.cli.RunCommand.class);

        var all = Jocker.commandLine().getSubcommands();
        assertThat(all.keySet()).contains("run", "ps", "exec", "stop", "rm", "logs", "kill");
        assertThat((Object) all.get("run").getCommand()).isInstanceOf(ContainerRunCommand.class);
    }

    @Test
    @DisplayName("--root must be absolute: an empty or relative one would put the state wherever jocker runs")
    void rootMustBeAbsolute() {
        for (String bad : new String[] {"", "relative/dir", " "}) {
            var cli = Jocker.commandLine();
            cli.parseArgs("--root", bad, "ps");
            Jocker jocker = cli.getCommand();
            org.assertj.core.api.Assertions.assertThatThrownBy(jocker::root)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        }
        var cli = Jocker.commandLine();
        cli.parseArgs("--root", "/srv/jocker/../state", "ps");
        assertThat(((Jocker) cli.getCommand()).root()).hasToString("/srv/state");
    }

    @Test
    @DisplayName("only the subcommand that runs is built; --help and an unknown name get all, --version none")
    void onlyTheSubcommandThatRuns() {
        assertThat(Jocker.subcommandOf(new String[] {"--root", "/x", "-H", "unix:///s", "ps", "-a"})).isEqualTo("ps");
        assertThat(Jocker.subcommandOf(new String[] {"--chapter", "2", "run", "--rm", "busybox"})).isEqualTo("run");
        assertThat(Jocker.subcommandOf(new String[] {"--version"})).isEmpty();
        assertThat(Jocker.subcommandOf(new String[] {"--help"})).isNull();
        assertThat(Jocker.subcommandOf(new String[0])).isNull();

        int all = Jocker.commandLine().getSubcommands().size();
        assertThat(Jocker.commandLine(Integer.MAX_VALUE, "ps").getSubcommands()).containsOnlyKeys("ps");
        assertThat(Jocker.commandLine(Integer.MAX_VALUE, "nosuch").getSubcommands()).hasSize(all);
        assertThat(Jocker.commandLine(Integer.MAX_VALUE, null).getSubcommands()).hasSize(all);
        assertThat(Jocker.commandLine(Integer.MAX_VALUE, "").getSubcommands()).isEmpty();
    }
}
