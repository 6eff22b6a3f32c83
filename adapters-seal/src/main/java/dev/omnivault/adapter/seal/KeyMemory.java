package dev.omnivault.adapter.seal;

/**
 * What this process can do to keep an open vault's keys out of swap and out of core dumps (see
 * {@link LockedMemory}), found by setting one page apart and giving it back: for the daemon to
 * say at start, so that a system that refuses (a low {@code RLIMIT_MEMLOCK}) is reported, not hidden.
 */
public final class KeyMemory {

    private KeyMemory() {}

    /** {@code complete} when the keys will be locked in RAM and left out of core dumps. */
    public record Report(boolean complete, String description) {}

    public static Report probe() {
        try (LockedMemory page = LockedMemory.allocate(1)) {
            return new Report(page.locked() && page.leftOutOfDumps(), page.describe());
        } catch (RuntimeException failed) {
            return new Report(
                    false,
                    "keys cannot be set apart off the Java heap (" + failed.getMessage() + "); they may be written to"
                            + " swap");
        }
    }
}
