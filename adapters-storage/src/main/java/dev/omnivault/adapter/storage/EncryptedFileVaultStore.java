package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The vault as encrypted files in the config directory: the seal ({@link SealedVaultStore}, all
 * of the cryptography) over a {@link FileRecordStore} (the files, which only ever hold
 * ciphertext). A Go OmniVault (format 1) vault is migrated on its first unlock, its files kept
 * as {@code *.v1.bak}.
 */
public final class EncryptedFileVaultStore implements VaultStore {

    public static final String META_FILE = VaultFiles.META_FILE;
    public static final String ENC_FILE = VaultFiles.ENC_FILE;
    public static final String META_V1_BACKUP = VaultFiles.META_V1_BACKUP;
    public static final String ENC_V1_BACKUP = VaultFiles.ENC_V1_BACKUP;

    private final SealedVaultStore sealed;

    public EncryptedFileVaultStore(Path directory, Argon2Settings settings, InstantSource clock) {
        this(directory, settings, clock, warning -> {});
    }

    /** A store that reports what a user should know (a migration, a directory that could not be synced) to {@code warnings}. */
    public EncryptedFileVaultStore(
            Path directory, Argon2Settings settings, InstantSource clock, Consumer<String> warnings) {
        this(directory, settings, clock, new AtomicFileWriter(warnings), warnings);
    }

    EncryptedFileVaultStore(Path directory, Argon2Settings settings, InstantSource clock, AtomicFileWriter writer) {
        this(directory, settings, clock, writer, warning -> {});
    }

    private EncryptedFileVaultStore(
            Path directory,
            Argon2Settings settings,
            InstantSource clock,
            AtomicFileWriter writer,
            Consumer<String> warnings) {
        this.sealed = new SealedVaultStore(new FileRecordStore(directory, writer), settings, clock, warnings);
    }

    @Override
    public boolean exists() {
        return sealed.exists();
    }

    @Override
    public VaultSession create(Passphrase passphrase) {
        return sealed.create(passphrase);
    }

    /** Creates a vault that already holds {@code secrets}, written in one atomic step (bulk import). */
    VaultSession create(Passphrase passphrase, List<Secret> secrets) {
        return sealed.create(passphrase, secrets);
    }

    @Override
    public Optional<VaultSession> open(Passphrase passphrase) {
        return sealed.open(passphrase);
    }

    @Override
    public boolean changePassphrase(Passphrase current, Passphrase replacement) {
        return sealed.changePassphrase(current, replacement);
    }

    @Override
    public List<String> legacyBackups() {
        return sealed.legacyBackups();
    }

    @Override
    public List<String> forgetLegacyBackups() {
        return sealed.forgetLegacyBackups();
    }

    @Override
    public void close() {
        sealed.close();
    }
}
