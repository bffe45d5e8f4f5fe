package jocker.security;

import java.util.List;

/**
 * {@code --security-opt}, as Docker spells it: {@code no-new-privileges}
 * (also {@code no-new-privileges=true} or {@code :true}) and
 * {@code seccomp=PROFILE}. Anything else is refused.
 *
 * @param noNewPrivileges set {@code process.noNewPrivileges}
 * @param values          every value as given, in order (for {@code inspect}'s SecurityOpt)
 */
public record SecurityOpts(boolean noNewPrivileges, List<String> values) {

    public static final SecurityOpts NONE = new SecurityOpts(false, List.of());

    private static final String SECCOMP = "seccomp=";

    public SecurityOpts {
        values = List.copyOf(values);
    }

    /** Checks each value; throws for one Jocker does not know. */
    public static SecurityOpts parse(List<String> values) {
        boolean noNewPrivileges = false;
        for (String value : values) {
            if (value.startsWith(SECCOMP) || value.startsWith("seccomp:")) {
                continue; // chapter 2's seccomp feature reads it, as a SeccompSetting
            }
            noNewPrivileges = switch (value) {
                case "no-new-privileges", "no-new-privileges=true", "no-new-privileges:true" -> true;
                case "no-new-privileges=false", "no-new-privileges:false" -> false;
                default -> throw new IllegalArgumentException("invalid --security-opt \"" + value
                        + "\": this jocker knows no-new-privileges[=true|false] and seccomp=PROFILE");
            };
        }
        return new SecurityOpts(noNewPrivileges, values);
    }

    /** The value of the last {@code seccomp=}, or null if none was given. */
    public String seccomp() {
        String profile = null;
        for (String value : values) {
            if (value.startsWith(SECCOMP)) {
                profile = value.substring(SECCOMP.length());
            }
        }
        return profile;
    }
}
