package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.ChangePassphraseUseCase;
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
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatusUseCase;

/** The use cases the HTTP API drives, one per endpoint. */
public record DaemonApi(
        VaultStatusUseCase status,
        InitVaultUseCase init,
        UnlockVaultUseCase unlock,
        LockVaultUseCase lock,
        GetSecretUseCase get,
        PutSecretUseCase put,
        DeleteSecretUseCase delete,
        ListSecretsUseCase list,
        ChangePassphraseUseCase changePassphrase,
        StopDaemonUseCase stop,
        ImportSecretsUseCase importer,
        ExportSecretsUseCase exporter,
        ForgetLegacyBackupsUseCase forgetBackups,
        ManageTeamUseCase team,
        ResolveReferencesUseCase resolver,
        GeneratePasswordUseCase generator,
        MoveSecretUseCase mover) {}
