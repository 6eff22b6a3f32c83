package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.omnivault.adapter.socket.DaemonApi;
import java.time.InstantSource;

/** The transport adapter {@code --transport unix}: the config directory's Unix socket. */
@Module
interface UnixSocketModule {

    @Provides
    @IntoMap
    @StringKey("unix")
    static DaemonServer unixSocket(DaemonSettings settings, DaemonApi api, InstantSource clock) {
        return new UnixSocketServer(settings.paths(), api, clock);
    }
}
