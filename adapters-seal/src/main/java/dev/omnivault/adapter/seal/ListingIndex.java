package dev.omnivault.adapter.seal;

import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An open vault's listing index: path (as text, so a listing may start at any prefix) to the
 * record's id and what a listing shows, never a value. It is built by opening every record once:
 * at unlock for a small vault (so a damaged record fails the unlock), and in the background, on
 * every core, for a big one, so that an unlock costs about the same at 100,000 secrets as at 100.
 * A listing or a change waits for it; a read does not (it finds its record by the keyed hash of
 * its path meanwhile).
 */
final class ListingIndex {

    /** From this many records on, the index is built in the background. */
    static final int BACKGROUND_FROM = 20_000;

    /** What the index holds of one secret. */
    record Listed(byte[] id, SecretSummary summary) {}

    private final CompletableFuture<ConcurrentSkipListMap<String, Listed>> index = new CompletableFuture<>();
    private final VaultKeys keys;
    private final Function<byte[], VaultStoreException> damaged;
    /** The thread building the index in the background; none for a small vault. */
    private volatile @Nullable Thread indexer;

    private volatile boolean stopped;

    private ListingIndex(VaultKeys keys, Function<byte[], VaultStoreException> damaged) {
        this.keys = keys;
        this.damaged = damaged;
    }

    /** An index already known (a vault just created or migrated: its secrets were at hand). */
    static ListingIndex of(
            SortedMap<String, Listed> entries, VaultKeys keys, Function<byte[], VaultStoreException> damaged) {
        var known = new ListingIndex(keys, damaged);
        known.index.complete(new ConcurrentSkipListMap<>(entries));
        return known;
    }

    /**
     * Builds the index of {@code records}, now or in the background (see the class comment); a
     * record that does not open is reported as {@code damaged} says.
     */
    static ListingIndex build(
            List<SealedRecord> records, VaultKeys keys, Function<byte[], VaultStoreException> damaged) {
        var built = new ListingIndex(keys, damaged);
        if (records.size() < BACKGROUND_FROM) {
            built.index.complete(new ConcurrentSkipListMap<>(built.open(records)));
            return built;
        }
        built.indexer = Thread.ofPlatform().daemon().name("omnivault-index").start(() -> {
            try {
                built.index.complete(built.inParallel(records));
            } catch (RuntimeException | Error failed) {
                // never left pending: a listing waiting for it would wait forever
                built.index.completeExceptionally(failed);
            }
        });
        return built;
    }

    /** The index if it is built (and built whole), else null: what a read may use without waiting. */
    @Nullable
    ConcurrentSkipListMap<String, Listed> ifBuilt() {
        return index.isDone() && !index.isCompletedExceptionally() ? index.join() : null;
    }

    /** The index, waiting for it while it is being built; the error that stopped it, if one did. */
    ConcurrentSkipListMap<String, Listed> await() {
        try {
            return index.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /**
     * Stops a background build at its next record and waits for its threads; what is built stays
     * readable (a reader may still hold this index while a newer one replaces it).
     */
    void stopBuilding() {
        stopped = true;
        Thread building = indexer;
        if (building != null) {
            joinUninterruptibly(building);
        }
    }

    /** Stops a background build at its next record, waits for its threads, and forgets every entry. */
    void close() {
        stopBuilding();
        var built = index.exceptionally(failed -> null).join();
        if (built != null) {
            built.clear();
        }
    }

    /** Waits for {@code thread} to end; an interrupt meanwhile is kept for the caller to see. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Opens {@code all} in slices, one thread per core, and merges them by path. Every slice's
     * thread has ended when this returns, so a close that waits for this thread waits for all.
     */
    private ConcurrentSkipListMap<String, Listed> inParallel(List<SealedRecord> all) {
        int slices = Math.max(
                1,
                Math.min(
                        all.size() / (BACKGROUND_FROM / 2), Runtime.getRuntime().availableProcessors()));
        int size = (all.size() + slices - 1) / slices;
        var parts = new ArrayList<FutureTask<SortedMap<String, Listed>>>();
        var threads = new ArrayList<Thread>();
        for (int from = 0; from < all.size(); from += size) {
            var slice = all.subList(from, Math.min(all.size(), from + size));
            var part = new FutureTask<>(() -> open(slice));
            parts.add(part);
            threads.add(Thread.ofPlatform()
                    .daemon()
                    .name("omnivault-index-" + threads.size())
                    .start(part));
        }
        threads.forEach(ListingIndex::joinUninterruptibly);
        var merged = new TreeMap<String, Listed>();
        try {
            for (var part : parts) {
                merged.putAll(part.get());
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("building the vault's index failed", failed.getCause());
        } catch (InterruptedException impossible) {
            throw new IllegalStateException("every part has ended already", impossible);
        }
        // Built from a sorted map in linear time; 100,000 single puts cost a quarter of an unlock.
        return new ConcurrentSkipListMap<>(merged);
    }

    /** Opens each record of {@code slice} once; stops early (with what it has) once stopped. */
    private SortedMap<String, Listed> open(List<SealedRecord> slice) {
        var opened = new TreeMap<String, Listed>();
        try (var opener = keys.bulk()) {
            for (SealedRecord record : slice) {
                if (stopped) {
                    break;
                }
                try (Secret secret = opener.unseal(record)) {
                    opened.put(secret.path().value(), new Listed(record.idBytes(), secret.summary()));
                } catch (DamagedFileException notOpened) {
                    throw damaged.apply(record.id());
                }
            }
        }
        return opened;
    }
}
