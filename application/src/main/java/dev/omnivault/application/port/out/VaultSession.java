package dev.omnivault.application.port.out;

import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import java.util.List;
import java.util.Optional;

/**
 * An open vault: it holds the key, and {@link #close()} zeroes it. Every write is durable when the
 * method returns. Reads may run in parallel with each other and with one write at a time; the
 * application never runs two writes at once, nor {@link #close()} beside anything else.
 */
public interface VaultSession extends AutoCloseable {

    /** The secret at {@code path}, which the caller closes; empty if there is none. */
    Optional<Secret> read(SecretPath path);

    /** Stores {@code secret}, replacing any at its path, and returns the revision it is stored at. */
    long write(Secret secret);

    /**
     * Stores {@code secret} only if the secret at its path is still at {@code revision} when the
     * write lands ({@link Secret#UNSTORED}: only if there is none there), and returns the revision
     * it is stored at; the check and the write are one step, whoever else writes to the store.
     *
     * @throws dev.omnivault.domain.RevisionConflictException when it is not, and nothing was written
     */
    long writeIf(Secret secret, long revision);

    /**
     * Stores every one of {@code secrets} (at distinct paths), replacing any at their paths, in one
     * durable write: when it throws, none of them is stored.
     */
    void writeAll(List<Secret> secrets);

    /** Removes the secret at {@code path}; false if there was none. */
    boolean delete(SecretPath path);

    /** Summaries of the secrets whose path starts with {@code prefix} as plain text, sorted by path. */
    List<SecretSummary> list(String prefix);

    int count();

    /** Zeroes the key; the session is unusable afterwards. */
    @Override
    void close();
}
