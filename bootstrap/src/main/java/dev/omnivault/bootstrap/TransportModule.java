package dev.omnivault.bootstrap;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * How clients reach the daemon: the one transport adapter the settings name, out of those
 * bound by name ({@link UnixSocketModule}, {@link TcpModule}); only that one is ever made.
 */
@Module(includes = {UnixSocketModule.class, TcpModule.class})
interface TransportModule {

    @Provides
    @Singleton
    static DaemonServer server(DaemonSettings settings, Map<String, Provider<DaemonServer>> servers) {
        return Adapters.chosen(servers, settings.transport().adapter(), "transport");
    }
}
