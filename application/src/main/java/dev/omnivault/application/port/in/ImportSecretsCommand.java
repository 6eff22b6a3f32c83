package dev.omnivault.application.port.in;

import java.util.List;

/**
 * Many secrets to store at once. The values stay the caller's: it closes them after the call.
 * Each path appears at most once.
 */
public record ImportSecretsCommand(List<PutSecretCommand> secrets, Caller caller) {

    public ImportSecretsCommand {
        secrets = List.copyOf(secrets);
        if (secrets.stream().map(PutSecretCommand::path).distinct().count() != secrets.size()) {
            throw new dev.omnivault.domain.InvalidInputException("a path appears twice in the import");
        }
    }
}
