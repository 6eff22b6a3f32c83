package dev.omnivault.adapter.cli;

import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DaemonStatusUseCase;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase;
import dev.omnivault.application.port.in.GeneratePasswordUseCase;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.ManageTeamUseCase;
import dev.omnivault.application.port.in.MoveSecretUseCase;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.ResolveReferencesUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;

/** The use cases the CLI drives; bootstrap hands it a client of the daemon behind these ports. */
public record CliPorts(
        DaemonStatusUseCase status,
        InitVaultUseCase init,
        UnlockVaultUseCase unlock,
        LockVaultUseCase lock,
        GetSecretUseCase get,
        PutSecretUseCase put,
        DeleteSecretUseCase delete,
        ListSecretsUseCase list,
        ChangePassphraseUseCase changePassphrase,
        ImportSecretsUseCase importer,
        ExportSecretsUseCase exporter,
        ForgetLegacyBackupsUseCase forgetBackups,
        ManageTeamUseCase team,
        ResolveReferencesUseCase resolver,
        GeneratePasswordUseCase generator,
        MoveSecretUseCase mover) {}
