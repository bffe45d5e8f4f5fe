package jocker.build;

import java.util.List;
import jocker.images.ImageConfig;

/**
 * One step of a build about to be taken.
 *
 * @param createdBy what the image's history records, and the instruction part of the {@link CacheKey}:
 *                  {@code /bin/sh -c #(nop) ENV A=1}, {@code |1 V=2 /bin/sh -c make}
 * @param config    the run settings of the image it makes
 * @param files     the layer a COPY, ADD or WORKDIR adds, or null
 * @param command   the command a RUN runs, or null
 */
record Step(String createdBy, ImageConfig.Config config, LayerTree files, List<String> command) {

    /** The prefix of a step that runs nothing, as Docker's history shows it. */
    static final String NOP = "/bin/sh -c #(nop) ";
}
