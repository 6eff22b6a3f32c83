package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretValue;
import java.util.List;

/**
 * Resolves references ({@code omnivault://PATH[#FIELD]}) to the values they name, all in one read
 * of the vault, so a program started with them sees one state of it.
 */
public interface ResolveReferencesUseCase {

    /**
     * The value of each reference, in order; the caller closes them.
     *
     * @throws dev.omnivault.domain.SecretNotFoundException naming the first reference whose
     *     secret or field is missing (then nothing is returned)
     * @throws dev.omnivault.domain.VaultLockedException while locked
     */
    List<SecretValue> resolve(ResolveReferencesQuery query);
}
