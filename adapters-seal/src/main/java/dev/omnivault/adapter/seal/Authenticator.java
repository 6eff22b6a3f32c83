package dev.omnivault.adapter.seal;

import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * A keyed MAC the seal lends a store for a layout of its own (a file's trailing MAC, a journal's
 * chain): the store says what to authenticate and never holds the key. {@link VaultKeys} is one.
 */
public interface Authenticator {

    /** HMAC-SHA256 of {@code length} bytes of {@code data} from {@code offset}, under the vault's MAC key. */
    byte[] mac(byte[] data, int offset, int length);

    /**
     * HMAC-SHA256 of {@code parts} one after another (each from its position to its limit, left
     * unmoved), as if they were one array: a large file is authenticated without a copy of itself
     * in memory.
     */
    byte[] mac(Iterator<ByteBuffer> parts);

    /** HMAC-SHA256 of all of {@code data}. */
    default byte[] mac(byte[] data) {
        return mac(data, 0, data.length);
    }

    /** Whether {@code tag} is the MAC of those bytes (compared in constant time). */
    boolean verifies(byte[] data, int offset, int length, byte[] tag);

    /**
     * The vault's public id (random, not secret), which a store may write into its files so that
     * a file of another vault is told apart from one of this.
     */
    byte[] vaultId();
}
