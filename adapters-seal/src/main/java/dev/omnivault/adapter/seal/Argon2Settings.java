package dev.omnivault.adapter.seal;

/**
 * Argon2id cost parameters, as named and validated presets. Files carry their own settings; the
 * bounds stop a damaged or hostile {@code vault.meta} from making the daemon allocate gigabytes.
 */
public record Argon2Settings(int iterations, int memoryKiB, int parallelism) {

    /** Time 3, 64 MiB, 4 lanes: the Go original's defaults and OWASP's guidance. */
    public static final Argon2Settings DEFAULT = new Argon2Settings(3, 64 * 1024, 4);

    /** Cheap enough for unit tests to run many key derivations; never for a real vault. */
    public static final Argon2Settings INSECURE_FOR_TESTS = new Argon2Settings(1, 256, 1);

    /** Bounds on what a file may ask for: four times the defaults' cost at the most, so a
     * damaged or planted {@code vault.meta} cannot make an unlock take a gigabyte or minutes. */
    static final int MAX_ITERATIONS = 16;

    static final int MAX_MEMORY_KIB = 256 * 1024;
    static final int MAX_PARALLELISM = 16;

    public Argon2Settings {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations out of range: " + iterations);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism out of range: " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory out of range: " + memoryKiB + " KiB");
        }
    }
}
