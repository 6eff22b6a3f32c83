package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.DaemonStatusUseCase;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.PutSecretResult;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultLockedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The CLI's outputs and exit codes, with the use cases stubbed and a scripted terminal. */
class OmniVaultCliTest {

    private final DaemonStatusUseCase status = mock(DaemonStatusUseCase.class);
    private final InitVaultUseCase init = mock(InitVaultUseCase.class);
    private final UnlockVaultUseCase unlock = mock(UnlockVaultUseCase.class);
    private final LockVaultUseCase lock = mock(LockVaultUseCase.class);
    private final GetSecretUseCase get = mock(GetSecretUseCase.class);
    private final PutSecretUseCase put = mock(PutSecretUseCase.class);
    private final DeleteSecretUseCase delete = mock(DeleteSecretUseCase.class);
    private final ListSecretsUseCase list = mock(ListSecretsUseCase.class);
    private final ChangePassphraseUseCase change = mock(ChangePassphraseUseCase.class);
    private final dev.omnivault.application.port.in.ImportSecretsUseCase importer =
            mock(dev.omnivault.application.port.in.ImportSecretsUseCase.class);
    private final dev.omnivault.application.port.in.ExportSecretsUseCase exporter =
            mock(dev.omnivault.application.port.in.ExportSecretsUseCase.class);
    private final dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase forget =
            mock(dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase.class);
    private final dev.omnivault.application.port.in.ManageTeamUseCase team =
            mock(dev.omnivault.application.port.in.ManageTeamUseCase.class);
    private final dev.omnivault.application.port.in.ResolveReferencesUseCase resolver =
            mock(dev.omnivault.application.port.in.ResolveReferencesUseCase.class);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A terminal that replays lines; interactive or not as the test says. */
    private static final class ScriptedTerminal implements Terminal {
        final boolean interactive;
        final Deque<String> lines = new ArrayDeque<>();
        byte[] stdin = new byte[0];

        ScriptedTerminal(boolean interactive, String... lines) {
            this.interactive = interactive;
            this.lines.addAll(List.of(lines));
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public char[] readHidden(String prompt) {
            return readSecretLine();
        }

        @Override
        public String readLine(String prompt) {
            return lines.isEmpty() ? "" : lines.pop();
        }

        @Override
        public char[] readSecretLine() {
            return lines.isEmpty() ? new char[0] : lines.pop().toCharArray();
        }

        @Override
        public byte[] readAll() throws IOException {
            return new ByteArrayInputStream(stdin).readAllBytes();
        }
    }

    private int run(Terminal terminal, String... args) {
        var ports = new CliPorts(
                status, init, unlock, lock, get, put, delete, list, change, importer, exporter, forget, team, resolver);
        return new OmniVaultCli(ports, terminal, new PrintWriter(out), new PrintWriter(err), () -> "9.9.9").run(args);
    }

    private int run(String... args) {
        return run(new ScriptedTerminal(false), args);
    }

    private int runWithEnvironment(Map<String, String> environment, Terminal terminal, String... args) {
        var ports = new CliPorts(
                status, init, unlock, lock, get, put, delete, list, change, importer, exporter, forget, team, resolver);
        return new OmniVaultCli(
                        ports, terminal, new PrintWriter(out), new PrintWriter(err), () -> "9.9.9", environment::get)
                .run(args);
    }

    @Test
    void unlock_asAMember_fromTheOptionOrTheEnvironment_andTheOptionWins() {
        daemonWith(true, true);
        var commands = org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.UnlockVaultCommand.class);
        when(unlock.unlock(commands.capture()))
                .thenReturn(new dev.omnivault.application.port.in.UnlockResult.Unlocked());
        assertEquals(
                0,
                runWithEnvironment(
                        Map.of("OMNIVAULT_MEMBER", "alice"), new ScriptedTerminal(false, "pw 1 long"), "unlock"));
        assertEquals(
                0,
                runWithEnvironment(
                        Map.of("OMNIVAULT_MEMBER", "alice"),
                        new ScriptedTerminal(false, "pw 2 long"),
                        "unlock",
                        "--member",
                        "bob"));
        assertEquals(0, runWithEnvironment(Map.of(), new ScriptedTerminal(false, "pw 3 long"), "unlock"));
        assertEquals(
                List.of(Optional.of(MemberName.of("alice")), Optional.of(MemberName.of("bob")), Optional.empty()),
                commands.getAllValues().stream().map(c -> c.member()).toList());
        assertEquals(
                2, runWithEnvironment(Map.of(), new ScriptedTerminal(false, "pw"), "unlock", "--member", "no spaces"));
        assertTrue(err.toString().contains("a member name holds only"), err.toString());
    }

    @Test
    void read_printsWhatTheReferenceNames_byteExact_andMinusNDropsTheNewline() {
        var queries =
                org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.ResolveReferencesQuery.class);
        when(resolver.resolve(queries.capture()))
                .thenAnswer(call -> List.of(SecretValue.ofText("-----BEGIN KEY-----\nline two\n")));
        assertEquals(0, run("read", "omnivault://certs/tls%20key#pem", "-n"));
        assertEquals("-----BEGIN KEY-----\nline two\n", out.toString());
        var reference = queries.getValue().references().getFirst();
        assertEquals("certs/tls key", reference.path().value());
        assertEquals(Optional.of("pem"), reference.field());
        out.getBuffer().setLength(0);
        assertEquals(0, run("read", "omnivault://app/token"));
        assertEquals("-----BEGIN KEY-----\nline two\n" + System.lineSeparator(), out.toString());
        assertEquals(2, run("read", "app/token"));
        assertTrue(err.toString().contains("not a secret reference"), err.toString());
        when(resolver.resolve(any()))
                .thenThrow(new dev.omnivault.domain.SecretNotFoundException("no secret at 'gone' (omnivault://gone)"));
        assertEquals(4, run("read", "omnivault://gone"));
        assertTrue(err.toString().contains("no secret at 'gone'"), err.toString());
    }

    @Test
    void teamList_marksTheMemberThisDaemonIsUnlockedAs_andJsonIsTheApis() {
        when(team.members())
                .thenReturn(new dev.omnivault.application.port.in.Team(
                        List.of(MemberName.of("alice"), MemberName.OWNER), MemberName.OWNER));
        assertEquals(0, run("team", "list"));
        assertEquals(
                String.join(
                        System.lineSeparator(),
                        "  alice",
                        "* owner",
                        "",
                        "2 member(s); * is the one this daemon is unlocked as",
                        ""),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("team", "list", "--json"));
        assertEquals(
                "{\"members\":[{\"name\":\"alice\"},{\"name\":\"owner\"}],\"unlocked_as\":\"owner\"}"
                        + System.lineSeparator(),
                out.toString());
    }

    @Test
    void teamAdd_asksTwiceAtATerminal_refusesAMismatch_andTakesOneLineFromAScript() {
        assertEquals(2, run(new ScriptedTerminal(true, "first passphrase", "another one"), "team", "add", "alice"));
        assertTrue(err.toString().contains("passwords do not match"), err.toString());
        verify(team, never()).add(any());
        assertEquals(2, run(new ScriptedTerminal(false, "short"), "team", "add", "alice"));
        verify(team, never()).add(any());

        var commands = org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.AddMemberCommand.class);
        org.mockito.Mockito.doNothing().when(team).add(commands.capture());
        assertEquals(0, run(new ScriptedTerminal(false, "alice's first passphrase"), "team", "add", "alice"));
        assertEquals(MemberName.of("alice"), commands.getValue().name());
        assertTrue(out.toString().contains("Member 'alice' added"), out.toString());
    }

    @Test
    void teamRemove_needsConfirmationOrForce_andSaysToRotateWhatTheMemberSaw() {
        assertEquals(2, run("team", "remove", "alice"));
        assertTrue(err.toString().contains("use --force"), err.toString());
        assertEquals(0, run(new ScriptedTerminal(true, "n"), "team", "remove", "alice"));
        verify(team, never()).remove(any());
        assertEquals(0, run("team", "remove", "alice", "--force"));
        var removed = org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.RemoveMemberCommand.class);
        verify(team).remove(removed.capture());
        assertEquals(MemberName.of("alice"), removed.getValue().name());
        assertTrue(err.toString().contains("rotate those secrets"), err.toString());
    }

    @Test
    void team_withAWrongAction_orAMissingName_isAUsageError() {
        assertEquals(2, run("team", "promote", "alice"));
        assertEquals(2, run("team", "add"));
        assertEquals(2, run("team", "list", "extra"));
        verify(team, never()).members();
    }

    private void daemonWith(boolean exists, boolean locked) {
        when(status.daemonStatus())
                .thenReturn(new DaemonStatus(
                        new VaultStatus(
                                exists,
                                locked,
                                locked ? 0 : 2,
                                locked ? Optional.empty() : Optional.of(Instant.parse("2026-01-01T09:00:00Z")),
                                Optional.empty(),
                                Optional.empty()),
                        Duration.ofSeconds(3723),
                        "9.9.9"));
    }

    private void daemonWithBackups(List<String> backups) {
        when(status.daemonStatus())
                .thenReturn(new DaemonStatus(
                        new VaultStatus(
                                true,
                                false,
                                1,
                                Optional.of(Instant.parse("2026-01-01T09:00:00Z")),
                                Optional.empty(),
                                Optional.empty(),
                                backups),
                        Duration.ofSeconds(5),
                        "9.9.9"));
    }

    @Test
    void aMigratedGoVaultsBackups_areShownByStatus_andNamedAfterAPasswordChange() {
        daemonWithBackups(List.of("vault.meta.v1.bak", "vault.enc.v1.bak"));
        assertEquals(0, run("status"));
        assertTrue(
                out.toString()
                        .contains("Go vault backups: vault.meta.v1.bak, vault.enc.v1.bak (they open with the password"
                                + " from before the migration)"),
                out.toString());
        assertEquals(0, run("status", "--json"));
        assertTrue(
                out.toString().contains("\"legacy_backups\":[\"vault.meta.v1.bak\",\"vault.enc.v1.bak\"]"),
                out.toString());

        out.getBuffer().setLength(0);
        var terminal = new ScriptedTerminal(false, "old password 1", "new password 2");
        assertEquals(0, run(terminal, "change-password"));
        assertEquals("Password changed successfully!" + System.lineSeparator(), out.toString());
        assertTrue(
                err.toString()
                        .contains("vault.meta.v1.bak and vault.enc.v1.bak (the Go OmniVault vault from before the"
                                + " migration) still open with the old password; remove them with: omnivault migrate"
                                + " --forget-backups"),
                err.toString());
    }

    @Test
    void migrate_forgetBackups_removesThem_andSaysWhich() {
        when(forget.forgetLegacyBackups()).thenReturn(List.of("vault.meta.v1.bak", "vault.enc.v1.bak"));
        assertEquals(0, run("migrate", "--forget-backups"));
        assertEquals("Removed vault.meta.v1.bak and vault.enc.v1.bak" + System.lineSeparator(), out.toString());
        when(forget.forgetLegacyBackups()).thenReturn(List.of());
        out.getBuffer().setLength(0);
        assertEquals(0, run("migrate", "--forget-backups"));
        assertEquals("No Go OmniVault backups to remove" + System.lineSeparator(), out.toString());
        assertEquals(2, run("migrate"));
        assertTrue(err.toString().contains("usage: omnivault migrate --forget-backups"), err.toString());
    }

    @Test
    void status_withoutDaemon_saysNotRunning_andExits0() {
        when(status.daemonStatus()).thenThrow(new DaemonUnavailableException("no socket"));
        assertEquals(0, run("status"));
        assertEquals("Daemon: not running" + System.lineSeparator(), out.toString());
    }

    @Test
    void status_linesAreTheGoOriginals() {
        daemonWith(true, true);
        assertEquals(0, run("status"));
        assertEquals(
                String.join(System.lineSeparator(), "Daemon: running", "Uptime: 1h2m3s", "Vault: locked", ""),
                out.toString());
    }

    @Test
    void anyCommandWithoutDaemon_printsTheHint_andExits7() {
        when(get.get(any())).thenThrow(new DaemonUnavailableException("no socket"));
        assertEquals(7, run("get", "api/key"));
        assertEquals(
                "Error: daemon is not running, start it with: omnivault daemon start" + System.lineSeparator(),
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void init_readsPasswordAndConfirmation_fromStdinLines() {
        daemonWith(false, true);
        var seen = new AtomicReference<String>();
        org.mockito.Mockito.doAnswer(invocation -> {
                    seen.set(new String(((InitVaultCommand) invocation.getArgument(0))
                            .passphrase()
                            .revealChars()));
                    return null;
                })
                .when(init)
                .initialise(any());
        assertEquals(0, run(new ScriptedTerminal(false, "correct horse battery", "correct horse battery"), "init"));
        assertEquals("correct horse battery", seen.get());
        assertEquals(
                "Vault initialized successfully!" + System.lineSeparator()
                        + "Your vault is now unlocked and ready to use." + System.lineSeparator(),
                out.toString());
    }

    @Test
    void init_withAMismatchedConfirmation_isAUsageError() {
        daemonWith(false, true);
        assertEquals(2, run(new ScriptedTerminal(true, "correct horse battery", "something else"), "init"));
        assertEquals("Error: passwords do not match" + System.lineSeparator(), err.toString());
        verify(init, never()).initialise(any());
    }

    @Test
    void unlock_whenUnlocked_saysSo_withoutAPrompt() {
        daemonWith(true, false);
        assertEquals(0, run("unlock"));
        assertEquals("Vault is already unlocked" + System.lineSeparator(), out.toString());
        verify(unlock, never()).unlock(any());
    }

    @Test
    void unlock_throttled_exits8() {
        daemonWith(true, true);
        when(unlock.unlock(any())).thenThrow(new TooManyAttemptsException(Duration.ofSeconds(2)));
        assertEquals(8, run(new ScriptedTerminal(false, "whatever!"), "unlock"));
        assertEquals("Error: too many failed attempts, try again in 2s" + System.lineSeparator(), err.toString());
    }

    @Test
    void get_printsValueThenSortedFields_orOneField() {
        when(get.get(any()))
                .thenAnswer(invocation -> Secret.create(
                        SecretPath.of("db/creds"),
                        SecretValue.ofText("primary"),
                        Map.of("username", SecretValue.ofText("app"), "host", SecretValue.ofText("db.internal")),
                        Map.of(),
                        Instant.EPOCH));
        assertEquals(0, run("get", "db/creds"));
        assertEquals(
                String.join(System.lineSeparator(), "primary", "host: db.internal", "username: app", ""),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("get", "db/creds", "--field", "username"));
        assertEquals("app" + System.lineSeparator(), out.toString());
        assertEquals(4, run("get", "db/creds", "--field", "nope"));
    }

    /** --if-rev reaches the put; its conflict exits 9 with the daemon's message; a bad revision is usage (2). */
    @Test
    void set_withIfRev_writesOnlyOverThatRevision_andAConflictExits9() {
        var conditions = new java.util.ArrayList<java.util.OptionalLong>();
        when(put.put(any())).thenAnswer(invocation -> {
            PutSecretCommand command = invocation.getArgument(0);
            conditions.add(command.ifRevision());
            if (command.ifRevision().orElse(-1) == 3) {
                throw new dev.omnivault.domain.RevisionConflictException(3);
            }
            return new PutSecretResult.Replaced(12);
        });
        assertEquals(0, run("set", "api/key", "v", "--if-rev", "11"));
        assertEquals("Secret 'api/key' saved at revision 12" + System.lineSeparator(), out.toString());
        assertEquals(9, run("set", "api/key", "v", "--if-rev", "3"));
        assertEquals(
                "Error: the secret was changed by someone else since revision 3" + System.lineSeparator(),
                err.toString());
        for (String bad : List.of("-1", "x", "1.0", "99999999999999999999")) {
            err.getBuffer().setLength(0);
            assertEquals(2, run("set", "api/key", "v", "--if-rev", bad), bad);
            assertTrue(err.toString().contains("--if-rev takes a revision"), err.toString());
        }
        assertEquals(List.of(java.util.OptionalLong.of(11), java.util.OptionalLong.of(3)), conditions);
    }

    @Test
    void get_whileLocked_exits3() {
        when(get.get(any())).thenThrow(new VaultLockedException());
        assertEquals(3, run("get", "db/creds"));
        assertEquals("Error: vault is locked" + System.lineSeparator(), err.toString());
    }

    @Test
    void set_takesTheArgument_orAllOfStdinLessOneNewline() {
        var values = new java.util.ArrayList<String>();
        when(put.put(any())).thenAnswer(invocation -> {
            PutSecretCommand command = invocation.getArgument(0);
            values.add(command.value().revealText() + "|" + command.fields().keySet() + "|" + command.tags());
            return new PutSecretResult.Created(1);
        });
        assertEquals(0, run("set", "api/key", "ak_live", "--field", "user=app", "--tag", "env=prod"));
        var piped = new ScriptedTerminal(false);
        piped.stdin = "line one\nline two\n\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, run(piped, "set", "notes/multi"));
        assertEquals(List.of("ak_live|[user]|{env=prod}", "line one\nline two\n|[]|{}"), values);
        assertEquals(
                "Secret 'api/key' saved" + System.lineSeparator() + "Secret 'notes/multi' saved"
                        + System.lineSeparator(),
                out.toString());
        assertEquals(2, run("set", "api/key", "v", "--field", "novalue"));
    }

    @Test
    void list_printsIndicatorsTagsAndTheFooter() {
        when(list.list(new ListSecretsQuery("")))
                .thenReturn(List.of(
                        new SecretSummary(
                                SecretPath.of("api/key"), true, false, List.of("production", "v2"), Instant.EPOCH),
                        new SecretSummary(
                                SecretPath.of("database/credentials"),
                                true,
                                true,
                                List.of("env", "team"),
                                Instant.EPOCH),
                        new SecretSummary(SecretPath.of("only/fields"), false, true, List.of(), Instant.EPOCH)));
        assertEquals(0, run("ls"));
        assertEquals(
                String.join(
                        System.lineSeparator(),
                        "api/key [production, v2]",
                        "database/credentials (value+fields) [env, team]",
                        "only/fields (fields)",
                        "",
                        "3 secret(s)",
                        ""),
                out.toString());
    }

    @Test
    void list_ofNothing_saysSo() {
        when(list.list(any())).thenReturn(List.of());
        assertEquals(0, run("list", "nothing/"));
        assertEquals("No secrets found" + System.lineSeparator(), out.toString());
    }

    @Test
    void delete_asksOnATerminal_refusesInAScriptWithoutForce() {
        assertEquals(0, run(new ScriptedTerminal(true, "n"), "rm", "api/key"));
        assertEquals("Cancelled" + System.lineSeparator(), out.toString());
        assertEquals(2, run("delete", "api/key"));
        verify(delete, never()).delete(any());
        out.getBuffer().setLength(0);
        assertEquals(0, run(new ScriptedTerminal(true, "y"), "delete", "api/key"));
        assertEquals("Secret 'api/key' deleted" + System.lineSeparator(), out.toString());
        assertEquals(0, run("delete", "api/key", "--force"));
    }

    @Test
    void json_printsTheApiShapes() {
        daemonWith(true, false);
        assertEquals(0, run("status", "--json"));
        assertEquals(
                "{\"running\":true,\"locked\":false,\"vault_exists\":true,\"secret_count\":2,"
                        + "\"unlocked_at\":\"2026-01-01T09:00:00Z\",\"uptime\":\"1h2m3s\",\"version\":\"9.9.9\"}"
                        + System.lineSeparator(),
                out.toString());
        out.getBuffer().setLength(0);
        when(get.get(any()))
                .thenAnswer(invocation -> Secret.create(
                        SecretPath.of("db/creds"),
                        SecretValue.ofText("pri\"mary"),
                        Map.of("user", SecretValue.ofText("app")),
                        Map.of("env", "prod"),
                        Instant.EPOCH));
        assertEquals(0, run("get", "db/creds", "--json"));
        assertEquals(
                "{\"path\":\"db/creds\",\"value\":\"pri\\\"mary\",\"fields\":{\"user\":\"app\"},\"tags\":{\"env\":\"prod\"},"
                        + "\"created_at\":\"1970-01-01T00:00:00Z\",\"updated_at\":\"1970-01-01T00:00:00Z\",\"rev\":0}"
                        + System.lineSeparator(),
                out.toString());
        out.getBuffer().setLength(0);
        when(list.list(any()))
                .thenReturn(List.of(new SecretSummary(SecretPath.of("a/b"), true, false, List.of("t"), Instant.EPOCH)));
        assertEquals(0, run("ls", "--json"));
        assertEquals(
                "{\"secrets\":[{\"path\":\"a/b\",\"has_value\":true,\"has_fields\":false,\"tags\":[\"t\"],"
                        + "\"updated_at\":\"1970-01-01T00:00:00Z\"}],\"count\":1}" + System.lineSeparator(),
                out.toString());
    }

    @Test
    void status_warnsWhenTheDaemonRunsAnotherVersion() {
        when(status.daemonStatus())
                .thenReturn(new DaemonStatus(
                        new VaultStatus(false, true, 0, Optional.empty(), Optional.empty(), Optional.empty()),
                        Duration.ZERO,
                        "0.0.1"));
        assertEquals(0, run("status"));
        assertEquals(
                "Warning: the daemon runs version 0.0.1, this CLI is 9.9.9; restart it with: omnivault daemon stop && omnivault daemon start"
                        + System.lineSeparator(),
                err.toString());
        assertEquals(
                String.join(System.lineSeparator(), "Daemon: running", "Uptime: 0s", "Vault: not initialized", ""),
                out.toString());
    }

    @Test
    void statusJson_withoutDaemon_saysNotRunning() {
        when(status.daemonStatus()).thenThrow(new DaemonUnavailableException("no socket"));
        assertEquals(0, run("status", "--json"));
        assertEquals("{\"running\":false}" + System.lineSeparator(), out.toString());
    }

    @Test
    void completion_printsAScriptForBashAndZsh() {
        assertEquals(0, run("completion", "bash"));
        String bash = out.toString();
        org.junit.jupiter.api.Assertions.assertTrue(
                bash.contains("complete -F"), bash.substring(0, Math.min(200, bash.length())));
        org.junit.jupiter.api.Assertions.assertTrue(bash.contains("change-password"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("completion", "zsh"));
        org.junit.jupiter.api.Assertions.assertTrue(out.toString().startsWith("autoload -U +X compinit && compinit"));
        assertEquals(2, run("completion", "fish"));
    }

    @Test
    void lock_andUsageErrors() {
        assertEquals(0, run("lock"));
        assertEquals("Vault locked" + System.lineSeparator(), out.toString());
        verify(lock).lock();
        assertEquals(2, run("get"));
        assertEquals(2, run("set", "bad//path", "v"));
        doThrow(new IllegalStateException("the daemon connection failed: reset"))
                .when(lock)
                .lock();
        assertEquals(1, run("lock"));
        assertEquals(2, run("frobnicate"));
        org.junit.jupiter.api.Assertions.assertTrue(
                err.toString().contains("Error: unknown command 'frobnicate'"), err.toString());
    }

    @Test
    void import_ofDotenvFromStdin_sendsOneImport_underThePrefix() {
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        when(importer.importAll(any())).thenAnswer(invocation -> {
            dev.omnivault.application.port.in.ImportSecretsCommand command = invocation.getArgument(0);
            var text = new StringBuilder();
            command.secrets()
                    .forEach(s -> text.append(s.path().value())
                            .append('=')
                            .append(s.value().revealText())
                            .append('|'));
            seen.set(text.toString());
            return new dev.omnivault.application.port.in.ImportResult(2, 1);
        });
        var piped = new ScriptedTerminal(false);
        piped.stdin = ("# the app's settings\nexport DB_URL=postgres://db/app\nAPI_KEY=\"a b\\nc\" \n"
                        + "EMPTY=\nPLAIN=text # a comment\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, run(piped, "import", "-", "--prefix", "app/prod/"));
        assertEquals(
                "app/prod/DB_URL=postgres://db/app|app/prod/API_KEY=a b\nc|app/prod/EMPTY=|app/prod/PLAIN=text|",
                seen.get());
        assertEquals("Imported 3 secret(s) (2 new, 1 replaced)\n", out.toString());
    }

    @Test
    void import_ofExportedJson_fromAFile_keepsFieldsAndTags(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        when(importer.importAll(any())).thenAnswer(invocation -> {
            dev.omnivault.application.port.in.ImportSecretsCommand command = invocation.getArgument(0);
            var s = command.secrets().getFirst();
            seen.set(s.path() + "|" + s.value().revealText() + "|"
                    + s.fields().get("user").revealText() + "|" + s.tags());
            return new dev.omnivault.application.port.in.ImportResult(1, 0);
        });
        var file = dir.resolve("backup.json");
        java.nio.file.Files.writeString(
                file,
                "{\"secrets\":[{\"path\":\"db/main\",\"value\":\"pw\",\"fields\":{\"user\":\"app\"},"
                        + "\"tags\":{\"env\":\"prod\"},\"created_at\":\"2025-01-01T00:00:00Z\"}],\"count\":1}");
        assertEquals(0, run("import", file.toString()));
        assertEquals("db/main|pw|app|{env=prod}", seen.get());
    }

    @Test
    void import_ofBadInput_saysWhereAndSendsNothing() {
        for (String input : List.of(
                "NO_EQUALS_SIGN\n", "bad key=1\n", "A=1\nA=2\n", "{\"secrets\":[{\"value\":\"x\"}]}", "Q=\"open\n")) {
            var piped = new ScriptedTerminal(false);
            piped.stdin = input.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(2, run(piped, "import", "-"), input);
        }
        assertTrue(err.toString().contains("Error: line 1: expected KEY=value"), err.toString());
        assertTrue(err.toString().contains("Error: line 2: A appears twice"), err.toString());
        verify(importer, never()).importAll(any());
    }

    @Test
    void export_printsNamesOnly_unlessValuesAreAskedFor() {
        when(exporter.export(any()))
                .thenAnswer(invocation -> List.of(Secret.create(
                        SecretPath.of("db/main"),
                        SecretValue.ofText("pw"),
                        Map.of("user", SecretValue.ofText("app")),
                        Map.of("env", "prod"),
                        java.time.Instant.parse("2025-06-01T09:32:00Z"))));
        assertEquals(0, run("export", "db/"));
        assertEquals(
                "{\"secrets\":[{\"path\":\"db/main\",\"has_value\":true,\"field_names\":[\"user\"],\"tags\":{\"env\":\"prod\"},"
                        + "\"created_at\":\"2025-06-01T09:32:00Z\",\"updated_at\":\"2025-06-01T09:32:00Z\"}],\"count\":1}\n",
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("export", "--include-values"));
        assertTrue(out.toString().contains("\"value\":\"pw\",\"fields\":{\"user\":\"app\"}"), out.toString());
    }
}
