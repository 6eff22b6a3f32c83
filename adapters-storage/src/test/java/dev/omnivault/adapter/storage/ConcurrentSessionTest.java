package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.store;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.SecretPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads (get, list, count) run while a writer changes the session: none fails, none sees half a change. */
class ConcurrentSessionTest {

    @TempDir
    Path dir;

    @Test
    void readersAndAWriter_runTogetherWithoutFailure() throws Exception {
        try (VaultSession session = StoreFixture.create(store(dir))) {
            var writing = new AtomicBoolean(true);
            var readers = new ArrayList<CompletableFuture<Integer>>();
            for (int r = 0; r < 4; r++) {
                readers.add(CompletableFuture.supplyAsync(() -> {
                    int rounds = 0;
                    while (writing.get()) {
                        session.list("bulk/");
                        session.read(SecretPath.of("bulk/s1")).ifPresent(dev.omnivault.domain.Secret::close);
                        session.count();
                        rounds++;
                    }
                    return rounds;
                }));
            }
            for (int i = 0; i < 150; i++) {
                session.write(secret("bulk/s" + i, "v" + i));
                if (i % 5 == 4) {
                    session.delete(SecretPath.of("bulk/s" + (i - 2)));
                }
            }
            writing.set(false);
            for (var reader : readers) {
                reader.get(30, TimeUnit.SECONDS);
            }
            assertEquals(120, session.count());
            assertEquals(120, session.list("bulk/").size());
        }
    }
}
