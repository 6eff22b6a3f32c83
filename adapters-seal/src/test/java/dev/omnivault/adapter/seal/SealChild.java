package dev.omnivault.adapter.seal;

import dev.omnivault.adapter.seal.testing.ChildClassPath;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM for {@link LockedMemoryTest}: prints what {@link KeyMemory#probe()} says, then
 * creates a vault's keys and seals and opens a record with them.
 */
public final class SealChild {

    private SealChild() {}

    public static void main(String[] args) throws Exception {
        KeyMemory.Report report = KeyMemory.probe();
        System.out.println("complete=" + report.complete() + " " + report.description());
        try (var passphrase = Passphrase.adopt("correct horse battery".toCharArray());
                VaultKeys keys = VaultMeta.create(passphrase, Argon2Settings.INSECURE_FOR_TESTS, Instant.EPOCH)
                        .keys();
                Secret secret = Secret.create(
                        SecretPath.of("kept/unlocked"), SecretValue.ofText("v"), Map.of(), Map.of(), Instant.EPOCH)) {
            SealedRecord sealed = keys.seal(secret, 1);
            try (Secret opened = keys.unseal(sealed.id(), sealed.sealed())) {
                System.out.println("read " + opened.value().revealText().equals("v"));
            }
        }
    }

    /** This class in a new JVM on the test's classes, under {@code prefix} (as {@code prlimit} runs a command). */
    static Process start(List<String> prefix) throws IOException {
        var command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(ChildClassPath.of(SealChild.class));
        command.add(SealChild.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
