package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.create;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.secret;
import static dev.omnivault.adapter.storage.StoreFixture.valueAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vault big enough to be opened on every core reads back whole, in path order. */
class BigVaultTest {

    @TempDir
    Path dir;

    @Test
    void aVaultOf45000Records_opensInSlices_andKeepsEveryOne() {
        var store = StoreFixture.store(dir);
        int count = 45_000;
        try (VaultSession session = create(store)) {
            var secrets = new ArrayList<Secret>();
            for (int i = 0; i < count; i++) {
                secrets.add(secret(String.format("bulk/s%05d", i), "value " + i));
            }
            session.writeAll(secrets);
        }
        try (VaultSession reopened = open(StoreFixture.store(dir), PASSWORD).orElseThrow()) {
            assertEquals(count, reopened.count());
            for (int i : new int[] {0, 1, 22_499, 22_500, 22_501, 44_999}) {
                assertEquals("value " + i, valueAt(reopened, String.format("bulk/s%05d", i)));
            }
            var listed = reopened.list("bulk/");
            assertEquals(count, listed.size());
            for (int i = 1; i < listed.size(); i++) {
                assertEquals(
                        -1,
                        Integer.signum(listed.get(i - 1)
                                .path()
                                .value()
                                .compareTo(listed.get(i).path().value())),
                        "sorted by path");
            }
        }
    }
}
