package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.omnivault.adapter.socket.DaemonApi;
import java.time.InstantSource;
import java.util.Optional;

/** The transport adapter {@code --transport unix}: the config directory's Unix socket. */
@Module
interface UnixSocketModule {

    @Provides
    @IntoMap
    @StringKey("unix")
    static DaemonServer unixSocket(DaemonSettings settings, DaemonApi api, InstantSource clock) {
        Optional<SocketActivation.Handed> handed =
                settings.transport() instanceof DaemonSettings.Transport.UnixSocket unix
                        ? unix.handed()
                        : Optional.empty();
        return new UnixSocketServer(settings.paths(), api, clock, handed);
    }
}
