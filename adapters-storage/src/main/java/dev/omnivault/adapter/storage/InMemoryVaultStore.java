package dev.omnivault.adapter.storage;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A vault that lives in memory only, for tests and for wiring checks: nothing touches the disk.
 * It checks passphrases against a salted SHA-256 (in constant time) rather than a slow KDF, and
 * hands out deep copies so a caller closing a secret never zeroes the stored one.
 */
public final class InMemoryVaultStore implements VaultStore {

    private final SecureRandom random = new SecureRandom();
    private final TreeMap<SecretPath, Secret> secrets = new TreeMap<>();
    private byte @Nullable [] salt;
    private byte @Nullable [] verifier;

    @Override
    public synchronized boolean exists() {
        return verifier != null;
    }

    @Override
    public synchronized VaultSession create(Passphrase passphrase) {
        if (exists()) {
            throw new VaultAlreadyExistsException();
        }
        byte[] newSalt = new byte[32];
        random.nextBytes(newSalt);
        salt = newSalt;
        verifier = digest(newSalt, passphrase);
        return new Session();
    }

    @Override
    public synchronized Optional<VaultSession> open(Passphrase passphrase) {
        return matches(passphrase) ? Optional.of(new Session()) : Optional.empty();
    }

    @Override
    public synchronized boolean changePassphrase(Passphrase current, Passphrase replacement) {
        if (!matches(current)) {
            return false;
        }
        byte[] currentSalt = requireSalt();
        verifier = digest(currentSalt, replacement);
        return true;
    }

    private boolean matches(Passphrase passphrase) {
        byte[] expected = verifier;
        if (expected == null) {
            throw new VaultNotInitialisedException();
        }
        return MessageDigest.isEqual(expected, digest(requireSalt(), passphrase));
    }

    private byte[] requireSalt() {
        byte[] current = salt;
        if (current == null) {
            throw new VaultNotInitialisedException();
        }
        return current;
    }

    private static byte[] digest(byte[] salt, Passphrase passphrase) {
        byte[] utf8 = passphrase.revealUtf8();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(utf8);
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", everyJdkHasIt);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private final class Session implements VaultSession {

        private boolean closed;

        @Override
        public Optional<Secret> read(SecretPath path) {
            synchronized (InMemoryVaultStore.this) {
                requireOpen();
                return Optional.ofNullable(secrets.get(path)).map(Secret::copy);
            }
        }

        @Override
        public void write(Secret secret) {
            synchronized (InMemoryVaultStore.this) {
                requireOpen();
                Secret replaced = secrets.put(secret.path(), secret.copy());
                if (replaced != null) {
                    replaced.close();
                }
            }
        }

        @Override
        public void writeAll(List<Secret> all) {
            synchronized (InMemoryVaultStore.this) {
                requireOpen();
                all.forEach(this::write);
            }
        }

        @Override
        public boolean delete(SecretPath path) {
            synchronized (InMemoryVaultStore.this) {
                requireOpen();
                Secret removed = secrets.remove(path);
                if (removed == null) {
                    return false;
                }
                removed.close();
                return true;
            }
        }

        @Override
        public List<SecretSummary> list(String prefix) {
            synchronized (InMemoryVaultStore.this) {
                requireOpen();
                return secrets.values().stream()
                        .filter(secret -> secret.path().hasPrefix(prefix))
                        .map(Secret::summary)
                        .toList();
            }
        }

        @Override
        public int count() {
            synchronized (InMemoryVaultStore.this) {
                requireOpen();
                return secrets.size();
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryVaultStore.this) {
                closed = true;
            }
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("vault session is closed");
            }
        }
    }
}
