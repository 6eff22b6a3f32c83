package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * A separate JVM for the tests that need real processes: {@code create DIR} makes a vault (under
 * whatever umask the parent gave it); {@code write-loop DIR RUN} writes secrets forever, printing
 * each change only after the store has returned (and each delete also before it starts), so the parent knows what was acknowledged.
 */
public final class StorageChild {

    static final String PASSWORD = "correct horse battery";

    private StorageChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        var store = new EncryptedFileVaultStore(dir, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
        switch (args[0]) {
            case "create" -> {
                try (var passphrase = Passphrase.adopt(PASSWORD.toCharArray());
                        VaultSession session = store.create(passphrase)) {
                    session.write(secret("created/by-child", "v"));
                }
                System.out.println("created");
            }
            case "write-loop" -> {
                String run = args[2];
                try (var passphrase = Passphrase.adopt(PASSWORD.toCharArray());
                        VaultSession session = store.open(passphrase).orElseThrow()) {
                    System.out.println("ready");
                    System.out.flush();
                    for (int i = 0; ; i++) {
                        String name = "run" + run + "/s" + i;
                        session.write(secret(name, valueOf(name)));
                        System.out.println("wrote " + name);
                        if (i % 3 == 2) {
                            // Announced first: a delete that lands but is not acknowledged is allowed.
                            String doomed = "run" + run + "/s" + (i - 1);
                            System.out.println("deleting " + doomed);
                            System.out.flush();
                            session.delete(SecretPath.of(doomed));
                            System.out.println("deleted " + doomed);
                        }
                        System.out.flush();
                    }
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String valueOf(String name) {
        return "value-of-" + name + "-" + "x".repeat(name.length() % 7);
    }

    private static Secret secret(String path, String value) {
        return Secret.create(
                SecretPath.of(path),
                SecretValue.ofText(value),
                Map.of("f", SecretValue.ofText(value)),
                Map.of(),
                java.time.Instant.now());
    }
}
