package dev.omnivault.adapter.storage;

/**
 * The keys an open vault works with, all derived from its random data key with HKDF-SHA256 (salt:
 * the vault id): one encrypts records, one names them, one authenticates the whole of
 * {@code vault.enc}. Zeroed on {@link #close()}.
 */
final class VaultKeys implements AutoCloseable {

    static final String RECORD_KEY_INFO = "omnivault/v2/record-key";
    static final String ID_KEY_INFO = "omnivault/v2/id-key";
    static final String MAC_KEY_INFO = "omnivault/v2/mac-key";

    private final byte[] recordKey;
    private final byte[] idKey;
    private final byte[] macKey;
    private boolean closed;

    private VaultKeys(byte[] recordKey, byte[] idKey, byte[] macKey) {
        this.recordKey = recordKey;
        this.idKey = idKey;
        this.macKey = macKey;
    }

    static VaultKeys derive(byte[] dataKey, byte[] vaultId) {
        return new VaultKeys(
                Crypto.hkdf(dataKey, vaultId, RECORD_KEY_INFO),
                Crypto.hkdf(dataKey, vaultId, ID_KEY_INFO),
                Crypto.hkdf(dataKey, vaultId, MAC_KEY_INFO));
    }

    byte[] recordKey() {
        requireOpen();
        return recordKey;
    }

    byte[] idKey() {
        requireOpen();
        return idKey;
    }

    byte[] macKey() {
        requireOpen();
        return macKey;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        Crypto.zero(recordKey, idKey, macKey);
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("vault keys were zeroed");
        }
    }
}
