package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.Crypto;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Prints the storage figures of issue 3: unlock time and the time of one write, at 100, 10,000 and
 * 100,000 secrets, with the default Argon2id settings, on the machine it runs on. Medians of
 * several runs; run it with {@code bin/bench-storage}.
 */
public final class StorageBenchmark {

    private static final String PASSWORD = "correct horse battery staple";

    private StorageBenchmark() {}

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length > 0
                ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 10_000, 100_000};
        Path root = Files.createTempDirectory("omnivault-bench");
        try {
            double argon2 = median(
                    5,
                    () -> Crypto.argon2id(
                            PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            Crypto.randomBytes(32),
                            Argon2Settings.DEFAULT,
                            32));
            System.out.printf("Argon2id alone (t=3, 64 MiB, p=4), median of 5: %.0f ms%n%n", argon2);
            System.out.printf(
                    "%10s %12s %14s %20s %16s %14s%n",
                    "secrets", "vault.enc", "unlock (ms)", "unlock+list (ms)", "one write (ms)", "unlock-Argon2");
            for (int size : sizes) {
                Path dir = root.resolve("vault-" + size);
                var store = new EncryptedFileVaultStore(dir, Argon2Settings.DEFAULT, InstantSource.system());
                try (var passphrase = passphrase();
                        VaultSession created = store.create(passphrase, secrets(size))) {
                    // created and written in one step
                }
                double unlock = median(5, () -> {
                    try (var passphrase = passphrase()) {
                        store.open(passphrase).orElseThrow().close();
                    }
                });
                double unlockAndList = median(5, () -> {
                    try (var passphrase = passphrase();
                            VaultSession session = store.open(passphrase).orElseThrow()) {
                        if (session.list("").size() != size) {
                            throw new IllegalStateException("the listing lost secrets");
                        }
                    }
                });
                double write;
                try (var passphrase = passphrase();
                        VaultSession session = store.open(passphrase).orElseThrow()) {
                    var random = new Random(size);
                    write = median(15, () -> session.write(secret(random.nextInt(size), random)));
                }
                System.out.printf(
                        "%,10d %9.1f MB %14.0f %20.0f %16.1f %14.0f%n",
                        size,
                        Files.size(dir.resolve("vault.enc")) / 1e6,
                        unlock,
                        unlockAndList,
                        write,
                        unlock - argon2);
            }
            System.out.println();
            System.out.println("unlock = Argon2id + read and authenticate vault.enc and vault.journal; below 20,000");
            System.out.println("  records it also decrypts each once for the listing index, from 20,000 on that runs");
            System.out.println("  after the unlock has returned;");
            System.out.println("unlock+list = an unlock, then a listing of every secret (which waits for the index);");
            System.out.println("one write = seal one record + append it to vault.journal (fsync).");
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Passphrase passphrase() {
        return Passphrase.adopt(PASSWORD.toCharArray());
    }

    private static List<Secret> secrets(int count) {
        var random = new Random(count);
        var secrets = new ArrayList<Secret>(count);
        for (int i = 0; i < count; i++) {
            secrets.add(secret(i, random));
        }
        return secrets;
    }

    private static Secret secret(int index, Random random) {
        byte[] value = new byte[16];
        random.nextBytes(value);
        return Secret.create(
                SecretPath.of("bench/group-" + (index % 100) + "/secret-" + index),
                SecretValue.ofText(HexFormat.of().formatHex(value)),
                Map.of("username", SecretValue.ofText("user" + index)),
                Map.of("env", "bench"),
                Instant.now());
    }

    private static double median(int runs, Runnable action) {
        action.run(); // warm-up
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }
}
