package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.SecretSummary;
import java.util.List;

/** Lists secret summaries by path prefix. */
public final class ListSecretsService implements ListSecretsUseCase {

    private final VaultKeeper keeper;

    public ListSecretsService(VaultKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public List<SecretSummary> list(ListSecretsQuery query) {
        return keeper.read(Activity.LIST_SECRETS, session -> session.list(query.prefix()));
    }
}
