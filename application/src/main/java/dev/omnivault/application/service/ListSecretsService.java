package dev.omnivault.application.service;

import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Lists secret summaries by path prefix. */
public final class ListSecretsService implements ListSecretsUseCase {

    private final VaultKeeper keeper;

    public ListSecretsService(VaultKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public List<SecretSummary> list(ListSecretsQuery query) {
        if (query.containing().isEmpty()) {
            return keeper.read(Activity.LIST_SECRETS, session -> session.list(query.prefix()));
        }
        String text = query.containing().toLowerCase(Locale.ROOT);
        return keeper.read(Activity.LIST_SECRETS, session -> {
            var found = new ArrayList<SecretSummary>();
            for (SecretSummary summary : session.list(query.prefix())) {
                if (contains(summary.path().value(), text)
                        || summary.tagNames().stream().anyMatch(name -> contains(name, text))
                        || tagValueContains(session, summary, text)) {
                    found.add(summary);
                }
            }
            return found;
        });
    }

    private static boolean contains(String where, String lowerCaseText) {
        return where.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    /** Tag values are not in the index: the secret is read (and closed at once) for them. */
    private static boolean tagValueContains(VaultSession session, SecretSummary summary, String text) {
        if (summary.tagNames().isEmpty()) {
            return false;
        }
        Optional<Secret> read = session.read(summary.path());
        try (Secret secret = read.orElse(null)) {
            return secret != null && secret.tags().values().stream().anyMatch(value -> contains(value, text));
        }
    }
}
