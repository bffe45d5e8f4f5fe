package jocker.api;

import jocker.engine.CreateRequest;
import jocker.stdio.StdioOptions;

/** {@code Tty}, {@code OpenStdin} and {@code StdinOnce} of the create body, as the streams' {@link StdioOptions}. */
public final class StdioCreatePart implements CreateBodyPart {

    @Override
    public CreateRequest addTo(CreateRequest request, ContainerCreateBody body) {
        StdioOptions options = new StdioOptions(body.tty(), body.openStdin(), body.stdinOnce());
        return options.equals(StdioOptions.NONE) ? request : request.with(options);
    }
}
