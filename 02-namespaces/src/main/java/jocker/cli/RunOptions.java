package jocker.cli;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import jocker.engine.CreateRequest;

/**
 * Options that a later chapter adds to {@code jocker run}: a picocli mixin
 * ({@code @Option} fields), found with {@link ServiceLoader}
 * ({@code META-INF/services/jocker.cli.RunOptions}) and added in chapter
 * order. After parsing, each one checks its values and adds its typed part
 * to the engine's request. Chapter 3 adds the limits ({@code -m}, {@code --cpus} …).
 */
public interface RunOptions {

    /** The chapter that adds these options. */
    int chapter();

    /** The request with this chapter's part added; throws for a value Docker refuses. */
    CreateRequest addTo(CreateRequest request);

    /** The mixins of the chapters up to {@code upTo}, in chapter order. */
    static List<RunOptions> upTo(int upTo) {
        return ServiceLoader.load(RunOptions.class).stream().map(ServiceLoader.Provider::get)
                .filter(o -> o.chapter() <= upTo)
                .sorted(Comparator.comparingInt(RunOptions::chapter).thenComparing(o -> o.getClass().getName()))
                .toList();
    }
}
