package dev.omnivault.adapter.socket.testing;

import static org.mockito.Mockito.mock;

import dev.omnivault.adapter.socket.DaemonApi;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatusUseCase;

/** The daemon's use cases, every one a Mockito mock: a test stubs the ones it exercises. */
public final class MockedApi {

    private MockedApi() {}

    /** A {@link DaemonApi} of fresh mocks; its accessors hand them back for stubbing and checks. */
    public static DaemonApi create() {
        return new DaemonApi(
                mock(VaultStatusUseCase.class),
                mock(InitVaultUseCase.class),
                mock(UnlockVaultUseCase.class),
                mock(LockVaultUseCase.class),
                mock(GetSecretUseCase.class),
                mock(PutSecretUseCase.class),
                mock(DeleteSecretUseCase.class),
                mock(ListSecretsUseCase.class),
                mock(ChangePassphraseUseCase.class),
                mock(StopDaemonUseCase.class),
                mock(ImportSecretsUseCase.class),
                mock(ExportSecretsUseCase.class),
                mock(dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase.class),
                mock(dev.omnivault.application.port.in.ManageTeamUseCase.class),
                mock(dev.omnivault.application.port.in.ResolveReferencesUseCase.class),
                mock(dev.omnivault.application.port.in.GeneratePasswordUseCase.class),
                mock(dev.omnivault.application.port.in.MoveSecretUseCase.class));
    }
}
