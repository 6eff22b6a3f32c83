package dev.omnivault.application.port.in;

import dev.omnivault.domain.SecretSummary;
import java.util.List;

/** Lists the secrets whose path starts with a prefix, sorted by path, without values. Resets the timer. */
public interface ListSecretsUseCase {

    List<SecretSummary> list(ListSecretsQuery query);
}
