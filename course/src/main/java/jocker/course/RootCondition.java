package jocker.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The condition behind {@link RequiresRoot}: enabled only when the effective uid is 0. */
final class RootCondition implements ExecutionCondition {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final Supplier<OptionalInt> uid;

    /** The condition JUnit creates: asks the kernel for the uid. */
    RootCondition() {
        this(RootCondition::effectiveUid);
    }

    /** A condition that believes {@code uid}: to test both answers as either user. */
    RootCondition(Supplier<OptionalInt> uid) {
        this.uid = uid;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // A method inherits the extension from its annotated class; the class was
        // already checked, so only an element that carries the annotation decides.
        var annotation = AnnotationSupport.findAnnotation(context.getElement(), RequiresRoot.class);
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresRoot here");
        }
        String reason = "requires root: " + annotation.get().value();
        OptionalInt uid = this.uid.get();
        if (uid.isPresent() && uid.getAsInt() == 0) {
            return ConditionEvaluationResult.enabled("running as root");
        }
        return ConditionEvaluationResult.disabled(
                uid.isPresent() ? reason : reason + " (cannot read the uid from " + STATUS + ")");
    }

    /**
     * The effective uid, from the {@code Uid:} line of proc(5)'s
     * {@code /proc/self/status} (real, effective, saved, filesystem uid):
     * reading a file needs no native call.
     */
    static OptionalInt effectiveUid() {
        try {
            return effectiveUid(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** Parses the lines of a {@code /proc/<pid>/status} file; empty when there is no valid Uid line. */
    static OptionalInt effectiveUid(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Uid:")) {
                String[] fields = line.substring("Uid:".length()).trim().split("\\s+");
                if (fields.length >= 2 && fields[1].matches("\\d+")) {
                    return OptionalInt.of(Integer.parseInt(fields[1]));
                }
            }
        }
        return OptionalInt.empty();
    }
}
