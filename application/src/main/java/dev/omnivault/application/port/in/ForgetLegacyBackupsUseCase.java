package dev.omnivault.application.port.in;

import java.util.List;

/**
 * Removes the files of a Go OmniVault vault that its migration kept: they still open with the
 * password the vault had then. Only while the vault is unlocked, so only its owner can.
 */
public interface ForgetLegacyBackupsUseCase {

    /** The names of the files removed; empty when there were none. */
    List<String> forgetLegacyBackups();
}
