package dev.omnivault.bootstrap;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A listening Unix socket handed to the daemon by whoever started it: systemd's socket
 * activation ({@code omnivault.socket}) passes it as descriptor 3 with {@code LISTEN_FDS=1} and
 * {@code LISTEN_PID} naming this process (it is moved to descriptor 0, where {@link
 * System#inheritedChannel()} looks), or as stdin ({@code StandardInput=socket}). A
 * {@code LISTEN_PID} of another process is not ours, and is ignored, as sd_listen_fds(3) says.
 */
final class SocketActivation {

    private static final int SD_LISTEN_FDS_START = 3;

    private SocketActivation() {}

    /** What was handed over; empty when the daemon was started by a person or {@code daemon start}. */
    static Optional<Handed> take(Map<String, String> environment) throws IOException {
        String fds = environment.get("LISTEN_FDS");
        String pid = environment.get("LISTEN_PID");
        if (fds != null && pid != null) {
            if (!pid.strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                return Optional.empty();
            }
            if (!fds.strip().equals("1")) {
                throw new IOException("systemd handed over " + fds + " sockets; omnivault.socket listens on one");
            }
            moveToStdin(SD_LISTEN_FDS_START);
        }
        Channel inherited = System.inheritedChannel();
        if (inherited instanceof ServerSocketChannel server
                && server.getLocalAddress() instanceof UnixDomainSocketAddress address) {
            return Optional.of(new Handed(server, address.getPath().toAbsolutePath()));
        }
        if (fds != null) {
            throw new IOException("systemd handed over a socket that is not a listening Unix socket");
        }
        return Optional.empty();
    }

    /** A listening socket, and the path it is bound to. */
    public record Handed(ServerSocketChannel channel, Path path) {}

    /** {@code dup2(fd, 0); close(fd)}: the JDK takes an inherited channel from descriptor 0 only. */
    private static void moveToStdin(int fd) throws IOException {
        Linker linker = Linker.nativeLinker();
        try {
            MethodHandle dup2 = linker.downcallHandle(
                    linker.defaultLookup().find("dup2").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle close = linker.downcallHandle(
                    linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            if ((int) dup2.invokeExact(fd, 0) != 0) {
                throw new IOException("descriptor " + fd + " from systemd could not be taken over");
            }
            int ignored = (int) close.invokeExact(fd);
        } catch (IOException failed) {
            throw failed;
        } catch (Throwable unavailable) {
            throw new IOException("the C library could not be called to take over systemd's socket");
        }
    }
}
