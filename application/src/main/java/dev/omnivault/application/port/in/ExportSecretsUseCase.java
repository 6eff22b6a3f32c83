package dev.omnivault.application.port.in;

import dev.omnivault.domain.Secret;
import java.util.List;

/**
 * Every secret under a prefix, decrypted, sorted by path; the caller closes them. Resets the
 * timer, and is audited as one access per secret.
 */
public interface ExportSecretsUseCase {

    List<Secret> export(ExportSecretsQuery query);
}
