package dev.omnivault.application.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class VaultStoreExceptionTest {

    @Test
    void carriesKindMessageAndCause() {
        var cause = new IOException("No space left on device");
        var failure = new VaultStoreException(
                VaultStoreException.Kind.IO_FAILURE, "could not write vault.enc: disk full", cause);
        assertEquals(VaultStoreException.Kind.IO_FAILURE, failure.kind());
        assertEquals("could not write vault.enc: disk full", failure.getMessage());
        assertSame(cause, failure.getCause());

        var corrupted = new VaultStoreException(
                VaultStoreException.Kind.CORRUPTED, "vault file is corrupted or was tampered with: vault.enc");
        assertEquals(VaultStoreException.Kind.CORRUPTED, corrupted.kind());
        assertEquals("vault file is corrupted or was tampered with: vault.enc", corrupted.getMessage());
    }
}
