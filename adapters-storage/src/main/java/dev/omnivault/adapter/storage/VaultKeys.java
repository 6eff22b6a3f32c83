package dev.omnivault.adapter.storage;

/**
 * The keys an open vault works with, all derived from its random data key with HKDF-SHA256 (salt:
 * the vault id): one encrypts records, one names them, one authenticates the whole of
 * {@code vault.enc}. They rest off the Java heap, in {@link LockedMemory} (locked in RAM, left out
 * of core dumps); an operation borrows a heap copy of the one it needs and zeroes it when done, so
 * between requests no key of an open vault is on the heap. Zeroed and unmapped on {@link #close()}.
 */
final class VaultKeys implements AutoCloseable {

    static final String RECORD_KEY_INFO = "omnivault/v2/record-key";
    static final String ID_KEY_INFO = "omnivault/v2/id-key";
    static final String MAC_KEY_INFO = "omnivault/v2/mac-key";

    private static final int RECORD = 0;
    private static final int ID = 1;
    private static final int MAC = 2;

    private final LockedMemory memory;
    private volatile boolean closed;

    private VaultKeys(LockedMemory memory) {
        this.memory = memory;
    }

    static VaultKeys derive(byte[] dataKey, byte[] vaultId) {
        LockedMemory memory = LockedMemory.allocate(3 * Crypto.KEY_BYTES);
        String[] purposes = {RECORD_KEY_INFO, ID_KEY_INFO, MAC_KEY_INFO};
        for (int slot = 0; slot < purposes.length; slot++) {
            byte[] key = Crypto.hkdf(dataKey, vaultId, purposes[slot]);
            try {
                memory.write((long) slot * Crypto.KEY_BYTES, key);
            } finally {
                Crypto.zero(key);
            }
        }
        return new VaultKeys(memory);
    }

    Borrowed recordKey() {
        return borrow(RECORD);
    }

    Borrowed idKey() {
        return borrow(ID);
    }

    Borrowed macKey() {
        return borrow(MAC);
    }

    /** Whether the keys are locked in RAM (for tests and the daemon's report). */
    boolean locked() {
        return memory.locked();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        memory.close();
    }

    private Borrowed borrow(int slot) {
        if (closed) {
            throw new IllegalStateException("vault keys were zeroed");
        }
        try {
            return new Borrowed(memory.read((long) slot * Crypto.KEY_BYTES, Crypto.KEY_BYTES));
        } catch (IllegalStateException closedMeanwhile) {
            throw new IllegalStateException("vault keys were zeroed", closedMeanwhile);
        }
    }

    /** A heap copy of one key for one operation: use it in try-with-resources, which zeroes it. */
    static final class Borrowed implements AutoCloseable {
        private final byte[] bytes;

        private Borrowed(byte[] bytes) {
            this.bytes = bytes;
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            Crypto.zero(bytes);
        }

        @Override
        public String toString() {
            return "VaultKeys.Borrowed[redacted]";
        }
    }
}
