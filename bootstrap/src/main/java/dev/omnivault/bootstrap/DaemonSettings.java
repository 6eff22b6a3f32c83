package dev.omnivault.bootstrap;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.domain.AutoLockPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a daemon is started with, decided once from its command line and environment: where its
 * files are, how it auto-locks, which store keeps the vault and which transport serves the API,
 * and how keys are derived. The Dagger modules pick their adapter from it, and nothing else
 * chooses one.
 */
public record DaemonSettings(
        DaemonPaths paths,
        AutoLockPolicy autoLock,
        Storage storage,
        String store,
        Transport transport,
        Argon2Settings argon2) {

    /** Where secrets are kept: the store adapter, by the name {@code --store} gives it. */
    public enum Storage {
        /** The encrypted files in the config directory (the default). */
        FILES("files"),
        /** Memory only: nothing is written, and the vault is gone when the daemon stops (demo, tests). */
        MEMORY("memory"),
        /** A team vault in PostgreSQL ({@code postgresql://USER@HOST:PORT/DATABASE}): ciphertext only. */
        POSTGRESQL("postgresql");

        private final String option;

        Storage(String option) {
            this.option = option;
        }

        /** The name of its Dagger binding, and of its {@code --store} value. */
        public String option() {
            return option;
        }

        /** The storage {@code --store value} names. */
        static Storage parse(String value) {
            if (value.startsWith(POSTGRESQL.option + "://")) {
                return POSTGRESQL;
            }
            if (value.equals(FILES.option)) {
                return FILES;
            }
            if (value.equals(MEMORY.option)) {
                return MEMORY;
            }
            throw new DaemonRunner.UsageException(
                    "--store is files, memory or postgresql://USER@HOST:PORT/DATABASE, not " + value);
        }
    }

    /** How clients reach the daemon: the transport adapter, by its Dagger binding's name. */
    public sealed interface Transport {

        String adapter();

        /**
         * The Unix socket of the config directory, admitting the owner's processes only; {@code
         * handed}: the listening socket systemd made for it (socket activation), else it binds one.
         */
        record UnixSocket(Optional<SocketActivation.Handed> handed) implements Transport {
            public UnixSocket() {
                this(Optional.empty());
            }

            @Override
            public String adapter() {
                return "unix";
            }
        }

        /** Loopback TCP at {@code address} (port 0: any free one), admitting holders of the token. */
        record LoopbackTcp(InetSocketAddress address) implements Transport {
            @Override
            public String adapter() {
                return "tcp";
            }
        }
    }

    public Path configDirectory() {
        return paths.configDirectory();
    }

    static DaemonSettings inMemory(AutoLockPolicy autoLock) {
        return new DaemonSettings(
                DaemonPaths.in(Path.of(".")),
                autoLock,
                Storage.MEMORY,
                Storage.MEMORY.option(),
                new Transport.UnixSocket(),
                Argon2Settings.INSECURE_FOR_TESTS);
    }
}
