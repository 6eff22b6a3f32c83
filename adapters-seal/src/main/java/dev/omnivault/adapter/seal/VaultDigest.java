package dev.omnivault.adapter.seal;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What a vault's records add up to, for a store that several daemons share: the XOR of one secret
 * term per record ({@link VaultKeys#digestTerm}: a keyed hash of its id and revision) and their
 * number. A write changes it term by term, so it costs the records written, not the vault; it is
 * kept sealed for the vault's revision ({@link VaultKeys#sealDigest}), so the database sees no term
 * and cannot make one. A row put back to an older version, removed, or added from another revision
 * changes what the rows add up to, and the reader finds it: what the vault's rows are is then no
 * longer what its writers wrote.
 */
final class VaultDigest {

    static final int BYTES = 32;

    private final byte[] sum;
    private long count;

    private VaultDigest(byte[] sum, long count) {
        this.sum = sum;
        this.count = count;
    }

    static VaultDigest empty() {
        return new VaultDigest(new byte[BYTES], 0);
    }

    static VaultDigest of(byte[] sum, long count) {
        return new VaultDigest(sum.clone(), count);
    }

    VaultDigest copy() {
        return new VaultDigest(sum.clone(), count);
    }

    /** A record is there now, whose term is {@code term}. */
    void add(byte[] term) {
        xor(term);
        count++;
    }

    /** A record whose term is {@code term} is there no more. */
    void remove(byte[] term) {
        xor(term);
        count--;
    }

    private void xor(byte[] term) {
        for (int i = 0; i < BYTES; i++) {
            sum[i] ^= term[i];
        }
    }

    byte[] sum() {
        return sum.clone();
    }

    long count() {
        return count;
    }

    boolean matches(VaultDigest other) {
        return count == other.count && MessageDigest.isEqual(sum, other.sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaultDigest digest && matches(digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sum) * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "VaultDigest[" + count + " records]";
    }
}
