package dev.omnivault.bootstrap;

import dev.omnivault.platform.Platform;
import java.nio.file.Path;

/**
 * The files a daemon keeps in its config directory besides the vault's (SPEC §2): taken from the
 * platform once, at start, so that nothing else of the daemon reads the CLI's {@code Platform}.
 */
record DaemonPaths(Path configDirectory, Path socket, Path pidFile, Path tokenFile, Path addressFile) {

    static DaemonPaths of(Platform platform) {
        return new DaemonPaths(
                platform.configDirectory(),
                platform.socketPath(),
                platform.pidFile(),
                platform.tokenFile(),
                platform.addressFile());
    }

    /** The files of a daemon whose directory is {@code directory}, named as on this platform. */
    static DaemonPaths in(Path directory) {
        return of(new Platform(directory, Platform.Transport.UNIX_SOCKET));
    }
}
