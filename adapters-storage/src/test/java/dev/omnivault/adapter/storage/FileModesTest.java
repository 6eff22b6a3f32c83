package dev.omnivault.adapter.storage;

import static dev.omnivault.adapter.storage.StoreFixture.PASSWORD;
import static dev.omnivault.adapter.storage.StoreFixture.open;
import static dev.omnivault.adapter.storage.StoreFixture.populate;
import static dev.omnivault.adapter.storage.StoreFixture.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.application.port.out.VaultStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only modes from the moment of creation, whatever the umask; loose ones are tightened. */
class FileModesTest {

    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void underUmask000_theDirectoryIs700_andEveryFile600() throws Exception {
        Path vaultDir = dir.resolve("home/.omnivault");
        Process child = ChildJvm.start("000", "create", vaultDir.toString());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertEquals("created", output.strip());

        assertEquals("rwx------", mode(vaultDir));
        assertEquals("rw-------", mode(vaultDir.resolve("vault.meta")));
        assertEquals("rw-------", mode(vaultDir.resolve("vault.enc")));
    }

    @Test
    void migrationBackups_areOwnerOnlyToo() throws IOException {
        Path fixture = GoV1MigrationTest.fixtureDirectory();
        Files.copy(fixture.resolve("vault.meta"), dir.resolve("vault.meta"));
        Files.copy(fixture.resolve("vault.enc"), dir.resolve("vault.enc"));
        open(store(dir), "correct horse battery").orElseThrow().close();
        assertEquals("rw-------", mode(dir.resolve("vault.meta.v1.bak")));
        assertEquals("rw-------", mode(dir.resolve("vault.enc.v1.bak")));
        assertEquals("rw-------", mode(dir.resolve("vault.meta")));
    }

    @Test
    void aLooseDirectoryAndLooseFiles_areTightenedOnUnlock() throws IOException {
        Path vaultDir = dir.resolve("vault");
        populate(store(vaultDir));
        Files.setPosixFilePermissions(vaultDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(vaultDir.resolve("vault.meta"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(vaultDir.resolve("vault.enc"), PosixFilePermissions.fromString("rw-rw-rw-"));

        open(store(vaultDir), PASSWORD).orElseThrow().close();

        assertEquals("rwx------", mode(vaultDir));
        assertEquals("rw-------", mode(vaultDir.resolve("vault.meta")));
        assertEquals("rw-------", mode(vaultDir.resolve("vault.enc")));
    }

    @Test
    void anExistingLooseDirectory_isTightenedOnInit() throws IOException {
        Path vaultDir = dir.resolve("vault");
        Files.createDirectory(
                vaultDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(vaultDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        populate(store(vaultDir));
        assertEquals("rwx------", mode(vaultDir));
    }

    @Test
    void aSymbolicLinkInsteadOfTheDirectory_isRefused() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        var failure = assertThrows(VaultStoreException.class, () -> populate(store(link)));
        assertTrue(failure.getMessage().contains("is a symbolic link; refusing to use it"), failure.getMessage());
    }
}
