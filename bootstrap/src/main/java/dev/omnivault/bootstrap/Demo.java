package dev.omnivault.bootstrap;

import dev.omnivault.adapter.cli.ExitCode;
import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.domain.AutoLockPolicy;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.LoggerFactory;

/**
 * A short walk through the wired use cases on an in-memory vault, so what exists so far can be
 * seen running. The passphrases and values are made up for the demo.
 */
final class Demo {

    private Demo() {}

    static int run(PrintStream out) {
        DaemonComponent vault = DaggerDaemonComponent.factory()
                .create(
                        InstantSource.system(),
                        DaemonSettings.inMemory(AutoLockPolicy.defaults()),
                        () -> {},
                        LoggerFactory.getLogger("omnivault"));
        Caller caller = new Caller(OptionalLong.of(ProcessHandle.current().pid()), OptionalLong.empty());
        SecretPath path = SecretPath.of("demo/database");

        out.println("# init with a new passphrase");
        try (var passphrase = Passphrase.adopt("demo passphrase".toCharArray())) {
            vault.initVault().initialise(new InitVaultCommand(passphrase, caller));
        }
        out.println("# put " + path);
        try (var value = SecretValue.ofText("not-a-real-password");
                var user = SecretValue.ofText("app")) {
            vault.putSecret()
                    .put(new PutSecretCommand(path, value, Map.of("username", user), Map.of("env", "demo"), caller));
        }
        out.println("# list");
        vault.listSecrets()
                .list(ListSecretsQuery.all())
                .forEach(summary -> out.println(
                        summary.path() + (summary.hasFields() ? " (value+fields)" : "") + " " + summary.tagNames()));
        out.println("# get " + path);
        try (Secret secret = vault.getSecret().get(new GetSecretQuery(path, caller))) {
            out.println(secret.value().revealText());
            secret.fields().forEach((name, field) -> out.println(name + ": " + field.revealText()));
        }
        out.println("# lock, then get again");
        vault.lockVault().lock();
        tryAndReport(
                out,
                () -> vault.getSecret().get(new GetSecretQuery(path, caller)).close());
        out.println("# unlock with a wrong passphrase");
        try (var wrong = Passphrase.adopt("not the passphrase".toCharArray())) {
            tryAndReport(out, () -> vault.unlockVault().unlock(new UnlockVaultCommand(wrong, caller)));
        }
        out.println("# unlock with the right one");
        try (var right = Passphrase.adopt("demo passphrase".toCharArray())) {
            out.println(
                    switch (vault.unlockVault().unlock(new UnlockVaultCommand(right, caller))) {
                        case UnlockResult.Unlocked u -> "unlocked";
                        case UnlockResult.AlreadyUnlocked a -> "already unlocked";
                    });
        }
        VaultStatus status = vault.vaultStatus().status();
        out.println("# status: " + (status.locked() ? "locked" : "unlocked") + ", " + status.secretCount()
                + " secret(s), auto-lock at "
                + status.autoLockAt().map(Instant::toString).orElse("never"));
        return 0;
    }

    private static void tryAndReport(PrintStream out, Runnable action) {
        try {
            action.run();
            out.println("succeeded");
        } catch (VaultException refused) {
            out.println("Error: " + refused.getMessage() + " (exit code "
                    + ExitCode.of(refused).code() + ")");
        }
    }
}
