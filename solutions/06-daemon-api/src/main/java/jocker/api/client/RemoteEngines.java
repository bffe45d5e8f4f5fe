package jocker.api.client;

import jocker.engine.ContainerEngine;
import jocker.engine.RemoteEngineProvider;

/** Chapter 6's answer to {@code jocker -H}: a {@link RemoteEngine}. */
public final class RemoteEngines implements RemoteEngineProvider {

    @Override
    public int chapter() {
        return 6;
    }

    @Override
    public ContainerEngine connect(String host) {
        return RemoteEngine.connect(host);
    }
}
