package jocker.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jocker process that holds something of the state directory while it
 * works: its scratch directory ({@link Scratch}), a container it froze
 * (chapter 4's commit). Named by PID and start time, as a container's
 * process is ({@link ContainerState#process()}): once the owner has been
 * killed, its PID may soon belong to another process.
 *
 * @param pid   the owner's PID
 * @param start when it started, as {@code /proc/<pid>/stat} says ({@link ProcessHandle.Info#startInstant()})
 */
public record Owner(long pid, Instant start) {

    private static final Pattern NAME = Pattern.compile("(\\d+)-(\\d+)");

    /** This process. */
    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(self.pid(), self.info().startInstant()
                .orElseThrow(() -> new IllegalStateException("/proc/self/stat gives no start time")));
    }

    /** True while the owner runs: the process with its PID is alive and started at {@link #start}. */
    @JsonIgnore
    public boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant())
                .map(start::equals)
                .orElse(false);
    }

    /** The owner as a file name, {@code <pid>-<start in ms since the epoch>}: the precision the JDK reads it in. */
    public String fileName() {
        return pid + "-" + start.toEpochMilli();
    }

    /** The owner that {@link #fileName()} made {@code name}, or null when it is no such name. */
    public static Owner ofFileName(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        try {
            return new Owner(Long.parseLong(m.group(1)), Instant.ofEpochMilli(Long.parseLong(m.group(2))));
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }
}
