package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.omnivault.adapter.socket.DaemonApi;
import java.time.InstantSource;

/** The transport adapter {@code --transport tcp}: loopback TCP with a bearer token. */
@Module
interface TcpModule {

    @Provides
    @IntoMap
    @StringKey("tcp")
    static DaemonServer loopbackTcp(DaemonSettings settings, DaemonApi api, InstantSource clock) {
        if (!(settings.transport() instanceof DaemonSettings.Transport.LoopbackTcp tcp)) {
            throw new IllegalStateException("the TCP transport needs an address");
        }
        return new TcpServer(settings.paths(), tcp.address(), api, clock);
    }
}
