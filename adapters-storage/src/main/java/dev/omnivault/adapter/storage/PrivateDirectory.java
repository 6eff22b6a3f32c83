package dev.omnivault.adapter.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The config directory made safe before anything is created in it: created with mode 700 when
 * missing; refused when it is a symbolic link, not a directory, or another user's; tightened to
 * 700 when it gives group or other any access. The daemon runs this at start and {@code daemon
 * start} before it opens its log, so no socket, lock, PID or log file is ever made in a directory
 * someone else can reach.
 */
public final class PrivateDirectory {

    private PrivateDirectory() {}

    /** @throws IOException naming the directory and why it is refused */
    public static void prepare(Path directory) throws IOException {
        FileModes.prepareDirectory(directory);
    }
}
