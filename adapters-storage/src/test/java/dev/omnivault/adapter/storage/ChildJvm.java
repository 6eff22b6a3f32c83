package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.testing.ChildClassPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link StorageChild} in a new JVM on the same classes, optionally under a given umask. */
final class ChildJvm {

    private ChildJvm() {}

    static Process start(String umask, String... args) throws IOException {
        List<String> command = javaCommand(args);
        List<String> full = umask == null
                ? command
                : List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\"", command.getFirst());
        if (umask != null) {
            full = new ArrayList<>(full);
            full.addAll(command.subList(1, command.size()));
        }
        return new ProcessBuilder(full)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<String> javaCommand(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        command.add(java);
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--enable-native-access=ALL-UNNAMED"); // the seal's LockedMemory: mmap and mlock
        command.add("-cp");
        command.add(ChildClassPath.of(StorageChild.class)); // the child needs no module system
        command.add(StorageChild.class.getName());
        command.addAll(List.of(args));
        return command;
    }
}
