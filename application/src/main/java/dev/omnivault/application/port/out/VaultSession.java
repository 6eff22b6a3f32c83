package dev.omnivault.application.port.out;

import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.TeamException;
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

    /**
     * Stores {@code moved} and removes the secret at {@code from} in one durable write (a rename):
     * only if the secret at {@code from} is still at {@code fromRevision} and, when {@code
     * toRevision} is given, the one at {@code moved}'s path is at it ({@link Secret#UNSTORED}:
     * there is none), where the write lands. Returns the revision {@code moved} is stored at.
     *
     * @throws dev.omnivault.domain.RevisionConflictException when a condition does not hold, and nothing was written
     */
    long move(Secret moved, SecretPath from, long fromRevision, java.util.OptionalLong toRevision);

    /** Removes the secret at {@code path}; false if there was none. */
    boolean delete(SecretPath path);

    /** Summaries of the secrets whose path starts with {@code prefix} as plain text, sorted by path. */
    List<SecretSummary> list(String prefix);

    int count();

    /** The member this session was opened as; empty for a vault that keeps no team (one user, the owner). */
    default Optional<MemberName> member() {
        return Optional.empty();
    }

    /**
     * The vault's members, sorted by name.
     *
     * @throws TeamException ({@code REFUSED}) for a vault whose store keeps no team
     */
    default List<MemberName> members() {
        throw noTeam();
    }

    /**
     * Adds the member {@code enrolment} prepared, in one durable write.
     *
     * @throws TeamException when the name is taken, or the store keeps no team
     */
    default void addMember(MemberEnrolment enrolment) {
        throw noTeam();
    }

    /**
     * Removes {@code name}: a new data key for the remaining members, every record sealed again
     * under it, all in one durable write.
     *
     * @throws TeamException when there is no such member, it is this session's own, or the store keeps no team
     */
    default void removeMember(MemberName name) {
        throw noTeam();
    }

    /**
     * Whether another daemon re-keyed the vault since this session opened (a member was removed):
     * its keys open nothing written since, so the daemon locks and its member unlocks again.
     */
    default boolean revoked() {
        return false;
    }

    /** The refusal of a team operation on a vault whose store keeps no team. */
    static TeamException noTeam() {
        return TeamException.refused("this vault is kept in files for one user; a vault with team members is kept"
                + " in PostgreSQL (omnivault daemon run --store postgresql://USER@HOST:PORT/DB)");
    }

    /** Zeroes the key; the session is unusable afterwards. */
    @Override
    void close();
}
