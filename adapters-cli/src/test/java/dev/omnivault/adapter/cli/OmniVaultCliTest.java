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
import java.util.OptionalLong;
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
    private final dev.omnivault.application.port.in.GeneratePasswordUseCase generator =
            mock(dev.omnivault.application.port.in.GeneratePasswordUseCase.class);
    private final dev.omnivault.application.port.in.MoveSecretUseCase mover =
            mock(dev.omnivault.application.port.in.MoveSecretUseCase.class);
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

    private CliPorts ports() {
        return new CliPorts(
                status, init, unlock, lock, get, put, delete, list, change, importer, exporter, forget, team, resolver,
                generator, mover);
    }

    private int run(Terminal terminal, String... args) {
        var ports = ports();
        return new OmniVaultCli(ports, terminal, new PrintWriter(out), new PrintWriter(err), () -> "9.9.9").run(args);
    }

    private int run(String... args) {
        return run(new ScriptedTerminal(false), args);
    }

    private int runWithEnvironment(Map<String, String> environment, Terminal terminal, String... args) {
        var ports = ports();
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
    void completion_printsAScriptForBashZshAndFish_andTheHiddenNamesCommandStaysSilentWhenLocked() {
        assertEquals(0, run("completion", "bash"));
        String bash = out.toString();
        org.junit.jupiter.api.Assertions.assertTrue(
                bash.contains("complete -F"), bash.substring(0, Math.min(200, bash.length())));
        org.junit.jupiter.api.Assertions.assertTrue(bash.contains("change-password"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("completion", "zsh"));
        org.junit.jupiter.api.Assertions.assertTrue(out.toString().startsWith("#compdef omnivault"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("completion", "fish"));
        org.junit.jupiter.api.Assertions.assertTrue(out.toString().contains("complete -c omnivault"));
        assertEquals(2, run("completion", "tcsh"));

        out.getBuffer().setLength(0);
        when(list.list(new ListSecretsQuery("app/")))
                .thenReturn(List.of(
                        new SecretSummary(SecretPath.of("app/db"), true, false, List.of(), Instant.EPOCH),
                        new SecretSummary(SecretPath.of("app/prod/a"), true, false, List.of(), Instant.EPOCH),
                        new SecretSummary(SecretPath.of("app/prod/b"), true, false, List.of(), Instant.EPOCH)));
        assertEquals(0, run("__complete", "app/"));
        assertEquals("app/db" + System.lineSeparator() + "app/prod/" + System.lineSeparator(), out.toString());
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        when(list.list(any())).thenThrow(new VaultLockedException());
        assertEquals(0, run("__complete", ""));
        assertEquals("", out.toString() + err.toString(), "nothing, and no prompt, while locked");
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

    /** What run asked the launcher for, the values copied before run zeroes them. */
    private final List<String> launched = new java.util.ArrayList<>();

    private final Launcher recordingLauncher = launch -> {
        launched.add(String.join(" ", launch.command()) + (launch.mask() ? " (masked)" : ""));
        for (Launcher.Variable variable : launch.variables()) {
            launched.add(variable.name() + "=" + new String(variable.value(), StandardCharsets.UTF_8)
                    + (variable.secret() ? " (secret)" : ""));
        }
        return 42;
    };

    private int runProgram(Map<String, String> environment, String... args) {
        var ports = ports();
        return new OmniVaultCli(
                        ports,
                        new ScriptedTerminal(false),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        () -> "9.9.9",
                        environment::get,
                        recordingLauncher)
                .run(args);
    }

    @Test
    void run_setsEachVariable_fromOneResolve_andPassesTheProgramsStatusOn(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws IOException {
        java.nio.file.Path envFile = folder.resolve("app.env");
        java.nio.file.Files.writeString(
                envFile, "# settings\nDB_URL=omnivault://app/db#url\nMODE=production\nTOKEN=omnivault://old/token\n");
        when(list.list(new ListSecretsQuery("app/prod/")))
                .thenReturn(List.of(
                        new SecretSummary(SecretPath.of("app/prod/api-key"), true, false, List.of(), Instant.EPOCH),
                        new SecretSummary(SecretPath.of("app/prod/deeper/x"), true, false, List.of(), Instant.EPOCH)));
        var queries =
                org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.ResolveReferencesQuery.class);
        when(resolver.resolve(queries.capture()))
                .thenAnswer(call ->
                        call
                                .<dev.omnivault.application.port.in.ResolveReferencesQuery>getArgument(0)
                                .references()
                                .stream()
                                .map(reference -> SecretValue.ofText("value of\n" + reference.text()))
                                .toList());
        int code = runProgram(
                Map.of(),
                "run",
                "--env-file",
                envFile.toString(),
                "--prefix",
                "app/prod",
                "--env",
                "TOKEN=omnivault://new/token",
                "--",
                "printenv",
                "--env",
                "-x");
        assertEquals(42, code, err.toString());
        assertEquals(
                List.of(
                        "printenv --env -x",
                        "MODE=production",
                        "DB_URL=value of\nomnivault://app/db#url (secret)",
                        "TOKEN=value of\nomnivault://new/token (secret)",
                        "API_KEY=value of\nomnivault://app/prod/api-key (secret)"),
                launched);
        assertEquals(3, queries.getValue().references().size());
        verify(resolver, org.mockito.Mockito.times(1)).resolve(any());
    }

    @Test
    void run_withoutDoubleDash_takesEverythingFromTheProgramOn_andMaskIsPassed() {
        when(resolver.resolve(any())).thenAnswer(call -> List.of(SecretValue.ofText("v")));
        assertEquals(42, runProgram(Map.of(), "run", "--mask", "--env", "A=omnivault://a", "ls", "-l", "--mask"));
        assertEquals(List.of("ls -l --mask (masked)", "A=v (secret)"), launched);
    }

    @Test
    void run_missingReference_exits4_andTheProgramNeverStarts() {
        when(resolver.resolve(any()))
                .thenThrow(new dev.omnivault.domain.SecretNotFoundException("no secret at 'gone' (omnivault://gone)"));
        assertEquals(4, runProgram(Map.of(), "run", "--env", "A=omnivault://gone", "--", "true"));
        assertEquals(List.of(), launched);
        assertTrue(err.toString().contains("no secret at 'gone'"), err.toString());
    }

    @Test
    void run_failsBeforeTheProgram_with125_andSaysWhy() {
        assertEquals(125, runProgram(Map.of("OMNIVAULT_RUN", "1"), "run", "--", "true"));
        assertTrue(err.toString().contains("refused inside omnivault run"), err.toString());
        assertEquals(125, runProgram(Map.of(), "run", "--env", "1X=omnivault://a", "--", "true"));
        assertEquals(125, runProgram(Map.of(), "run", "--env", "A=plain", "--", "true"));
        assertTrue(err.toString().contains("--env takes NAME=omnivault://"), err.toString());
        assertEquals(125, runProgram(Map.of(), "run", "--env", "OMNIVAULT_RUN=omnivault://a", "--", "true"));
        assertEquals(125, runProgram(Map.of(), "run", "--env", "A=omnivault://a"));
        assertTrue(err.toString().contains("missing CMD"), err.toString());
        when(resolver.resolve(any())).thenThrow(new VaultLockedException());
        assertEquals(125, runProgram(Map.of(), "run", "--env", "A=omnivault://a", "--", "true"));
        org.mockito.Mockito.reset(resolver);
        when(resolver.resolve(any())).thenAnswer(call -> List.of(SecretValue.ofUtf8(new byte[] {'a', 0, 'b'})));
        assertEquals(125, runProgram(Map.of(), "run", "--env", "A=omnivault://a", "--", "true"));
        assertTrue(err.toString().contains("holds a NUL byte"), err.toString());
        assertEquals(List.of(), launched);
    }

    @Test
    void run_prefixNamesThatCollide_areRefused() {
        when(list.list(new ListSecretsQuery("app/")))
                .thenReturn(List.of(
                        new SecretSummary(SecretPath.of("app/a-b"), true, false, List.of(), Instant.EPOCH),
                        new SecretSummary(SecretPath.of("app/a_b"), true, false, List.of(), Instant.EPOCH)));
        assertEquals(125, runProgram(Map.of(), "run", "--prefix", "app/", "--", "true"));
        assertTrue(err.toString().contains("would both be A_B"), err.toString());
    }

    @Test
    void run_aProgramThatCannotStart_exitsAsEnvDoes() {
        var ports = ports();
        Launcher missing = launch -> {
            throw new Launcher.LaunchFailedException(127, launch.command().getFirst() + ": command not found");
        };
        int code = new OmniVaultCli(
                        ports,
                        new ScriptedTerminal(false),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        () -> "9.9.9",
                        Map.<String, String>of()::get,
                        missing)
                .run("run", "--", "no-such-program");
        assertEquals(127, code);
        assertEquals("Error: no-such-program: command not found" + System.lineSeparator(), err.toString());
    }

    @Test
    void inject_fillsTheTemplate_toStdoutOrToAFileOfMode600(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws IOException {
        when(resolver.resolve(any())).thenAnswer(call -> List.of(SecretValue.ofText("s3cr3t")));
        var terminal = new ScriptedTerminal(false);
        terminal.stdin = "password={{ omnivault://app/db }}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, run(terminal, "inject"));
        assertEquals("password=s3cr3t\n", out.toString());

        java.nio.file.Path template = folder.resolve("config.tpl");
        java.nio.file.Files.writeString(template, "a={{ omnivault://app/db }} b={{omnivault://app/db}}");
        java.nio.file.Path config = folder.resolve("config");
        assertEquals(0, run("inject", "-i", template.toString(), "-o", config.toString()));
        assertEquals("a=s3cr3t b=s3cr3t", java.nio.file.Files.readString(config));
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(config)));
        assertTrue(out.toString().contains("Injected 1 reference(s) into " + config), out.toString());

        // an existing OUT needs --force; with it, a symbolic link planted there is replaced, not followed
        assertEquals(2, run("inject", "-i", template.toString(), "-o", config.toString()));
        assertTrue(err.toString().contains("exists; --force replaces it"), err.toString());
        java.nio.file.Path elsewhere = folder.resolve("elsewhere");
        java.nio.file.Files.writeString(elsewhere, "untouched");
        java.nio.file.Path link = folder.resolve("link");
        java.nio.file.Files.createSymbolicLink(link, elsewhere);
        assertEquals(2, run("inject", "-i", template.toString(), "-o", link.toString()));
        assertEquals(0, run("inject", "-i", template.toString(), "-o", link.toString(), "--force"));
        assertEquals("untouched", java.nio.file.Files.readString(elsewhere));
        assertTrue(!java.nio.file.Files.isSymbolicLink(link));
        assertEquals("a=s3cr3t b=s3cr3t", java.nio.file.Files.readString(link));
        verify(resolver, org.mockito.Mockito.times(3)).resolve(any()); // refusals ask nothing
    }

    @Test
    void inject_aMissingReference_exits4_andWritesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws IOException {
        when(resolver.resolve(any()))
                .thenThrow(new dev.omnivault.domain.SecretNotFoundException("no secret at 'gone' (omnivault://gone)"));
        java.nio.file.Path template = folder.resolve("t");
        java.nio.file.Files.writeString(template, "x={{ omnivault://gone }}");
        java.nio.file.Path config = folder.resolve("out");
        assertEquals(4, run("inject", "-i", template.toString(), "-o", config.toString()));
        assertTrue(!java.nio.file.Files.exists(config));
        try (var left = java.nio.file.Files.list(folder)) {
            assertEquals(List.of(template), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void generate_storesWithoutPrintingUnlessAsked_andPrintsWhenNothingIsStored() {
        var commands =
                org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.GeneratePasswordCommand.class);
        when(generator.generate(commands.capture()))
                .thenAnswer(call -> new dev.omnivault.application.port.in.GeneratePasswordUseCase.Generated(
                        call.<dev.omnivault.application.port.in.GeneratePasswordCommand>getArgument(0)
                                        .reveal()
                                ? SecretValue.ofText("Gen3rated!")
                                : SecretValue.empty(),
                        3));
        assertEquals(0, run("generate", "db/password", "--length", "32", "--no-symbols"));
        assertEquals("Secret 'db/password' saved" + System.lineSeparator(), out.toString());
        var stored = commands.getValue();
        assertEquals(Optional.of(SecretPath.of("db/password")), stored.path());
        assertEquals(new dev.omnivault.domain.PasswordRecipe(32, false, 0), stored.recipe());
        assertTrue(!stored.reveal(), "the value is not asked back: it never reaches the CLI");

        out.getBuffer().setLength(0);
        assertEquals(0, run("generate", "--words", "5"));
        assertEquals("Gen3rated!" + System.lineSeparator(), out.toString());
        assertEquals(5, commands.getValue().recipe().words());

        out.getBuffer().setLength(0);
        assertEquals(0, run("generate", "api/key", "--print", "--force"));
        assertEquals("Gen3rated!" + System.lineSeparator(), out.toString(), "stdout holds the value alone");
        assertTrue(err.toString().contains("Secret 'api/key' saved"), err.toString());
        assertTrue(commands.getValue().force());

        assertEquals(2, run("generate", "--length", "7"));
        assertEquals(2, run("generate", "--length", "many"));
        assertTrue(err.toString().contains("--length takes a whole number"), err.toString());
    }

    @Test
    void mvAndCp_sayWhatTheyDid_andARefusalKeepsItsExitCode() {
        var commands = org.mockito.ArgumentCaptor.forClass(dev.omnivault.application.port.in.MoveSecretCommand.class);
        when(mover.move(commands.capture())).thenReturn(4L);
        assertEquals(0, run("mv", "app/a", "app/b"));
        assertEquals("Secret 'app/a' moved to 'app/b'" + System.lineSeparator(), out.toString());
        assertTrue(!commands.getValue().copy() && !commands.getValue().force());
        assertEquals(0, run("cp", "app/a", "app/c", "--force"));
        assertTrue(commands.getValue().copy() && commands.getValue().force());
        assertTrue(out.toString().endsWith("Secret 'app/a' copied to 'app/c'" + System.lineSeparator()));
        when(mover.move(any()))
                .thenThrow(new dev.omnivault.domain.VaultAlreadyExistsException(
                        "a secret exists at 'app/b'; --force replaces it"));
        assertEquals(6, run("mv", "app/a", "app/b"));
        assertTrue(err.toString().contains("--force replaces it"), err.toString());
        assertEquals(2, run("mv", "app/a"));
    }

    @Test
    void find_listsWhatMatches_inTheListFormat() {
        when(list.list(new ListSecretsQuery("", "prod")))
                .thenReturn(List.of(
                        new SecretSummary(SecretPath.of("app/prod/db"), true, false, List.of("env"), Instant.EPOCH)));
        assertEquals(0, run("find", "prod"));
        assertEquals(String.join(System.lineSeparator(), "app/prod/db [env]", "", "1 secret(s)", ""), out.toString());
    }

    @Test
    void everyCommand_takesJsonAndQuiet_forItsSuccessLine() {
        assertEquals(0, run("lock", "--json"));
        assertEquals("{\"success\":true,\"message\":\"Vault locked\"}" + System.lineSeparator(), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("lock", "-q"));
        assertEquals(0, run("rm", "app/x", "--force", "--quiet"));
        assertEquals("", out.toString(), "-q: no success line");
        when(mover.move(any())).thenReturn(2L);
        assertEquals(0, run("mv", "a", "b", "--json"));
        assertTrue(out.toString().contains("\"message\":\"Secret 'a' moved to 'b'\""), out.toString());
        out.getBuffer().setLength(0);
        when(resolver.resolve(any())).thenAnswer(call -> List.of(SecretValue.ofText("v\"1")));
        assertEquals(0, run("read", "omnivault://a", "--json", "-q"));
        assertEquals("{\"value\":\"v\\\"1\"}" + System.lineSeparator(), out.toString(), "-q keeps values");
        out.getBuffer().setLength(0);
        assertEquals(0, run("mv", "--help"));
        assertTrue(out.toString().contains("Every command also takes --json, -q/--quiet"), out.toString());
    }

    /** A launcher whose editor is {@code edits}: it runs on the file as a person's editor would. */
    private int runEdit(Map<String, String> environment, EditorAction edits, String... args) {
        var ports = ports();
        Launcher launcher = new Launcher() {
            @Override
            public int launch(Launch launch) {
                throw new AssertionError("edit starts no program through launch");
            }

            @Override
            public int edit(String editor, java.nio.file.Path file) throws IOException {
                return edits.edit(editor, file);
            }
        };
        return new OmniVaultCli(
                        ports,
                        new ScriptedTerminal(true),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        () -> "9.9.9",
                        environment::get,
                        launcher)
                .run(args);
    }

    @FunctionalInterface
    private interface EditorAction {
        int edit(String editor, java.nio.file.Path file) throws IOException;
    }

    @Test
    void edit_savesWhatChanged_overTheRevisionItRead_fromAPrivateFileThatIsGoneAfterwards(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path runtime) throws IOException {
        when(get.get(any()))
                .thenAnswer(call -> Secret.restore(
                        SecretPath.of("db/pw"),
                        SecretValue.ofText("old"),
                        Map.of("user", SecretValue.ofText("app")),
                        Map.of("env", "prod"),
                        Instant.EPOCH,
                        Instant.EPOCH,
                        41));
        var saved = new java.util.ArrayList<String>();
        when(put.put(any())).thenAnswer(call -> {
            PutSecretCommand command = call.getArgument(0);
            saved.add(command.value().revealText() + "|"
                    + command.fields().get("user").revealText() + "|" + command.tags() + "|" + command.ifRevision());
            return new PutSecretResult.Replaced(42);
        });
        var seen = new java.util.ArrayList<java.nio.file.Path>();
        int code = runEdit(
                Map.of("XDG_RUNTIME_DIR", runtime.toString(), "EDITOR", "nano"),
                (editor, file) -> {
                    seen.add(file);
                    assertEquals("nano", editor);
                    assertEquals(runtime, file.getParent().getParent(), "in its own folder under XDG_RUNTIME_DIR");
                    assertEquals(
                            "rwx------",
                            java.nio.file.attribute.PosixFilePermissions.toString(
                                    java.nio.file.Files.getPosixFilePermissions(file.getParent())));
                    assertEquals(
                            "rw-------",
                            java.nio.file.attribute.PosixFilePermissions.toString(
                                    java.nio.file.Files.getPosixFilePermissions(file)));
                    String form = java.nio.file.Files.readString(file);
                    java.nio.file.Files.writeString(file, form.replaceFirst("^old", "new\nsecond line"));
                    java.nio.file.Files.writeString(file.resolveSibling(".secret.txt.swp"), "an editor's swap file");
                    return 0;
                },
                "edit",
                "db/pw");
        assertEquals(0, code, err.toString());
        assertEquals(List.of("new\nsecond line|app|{env=prod}|OptionalLong[41]"), saved);
        assertEquals("Secret 'db/pw' saved" + System.lineSeparator(), out.toString());
        assertTrue(!java.nio.file.Files.exists(seen.getFirst().getParent()), "the folder and its files are gone");
    }

    @Test
    void edit_unchanged_savesNothing_aFailedEditorSavesNothing_andAConflictExits9() throws IOException {
        when(get.get(any()))
                .thenAnswer(call -> Secret.restore(
                        SecretPath.of("db/pw"),
                        SecretValue.ofText("old"),
                        Map.of(),
                        Map.of(),
                        Instant.EPOCH,
                        Instant.EPOCH,
                        7));
        assertEquals(0, runEdit(Map.of(), (editor, file) -> 0, "edit", "db/pw"));
        assertTrue(out.toString().contains("Secret 'db/pw' unchanged"), out.toString());
        assertEquals(2, runEdit(Map.of(), (editor, file) -> 1, "edit", "db/pw"));
        assertTrue(err.toString().contains("the editor exited with status 1; nothing was saved"), err.toString());
        verify(put, never()).put(any());
        when(put.put(any())).thenThrow(new dev.omnivault.domain.RevisionConflictException(7));
        EditorAction change = (editor, file) -> {
            java.nio.file.Files.writeString(file, "mine\n" + EditForm.SEPARATOR + "\n");
            return 0;
        };
        assertEquals(9, runEdit(Map.of(), change, "edit", "db/pw"));
        assertTrue(err.toString().contains("your edit was not saved"), err.toString());
    }

    @Test
    void edit_ofANewPath_createsTheSecret_onlyWhereThereIsStillNone() throws IOException {
        when(get.get(any())).thenThrow(new dev.omnivault.domain.SecretNotFoundException("secret not found"));
        var revisions = new java.util.ArrayList<OptionalLong>();
        when(put.put(any())).thenAnswer(call -> {
            revisions.add(call.<PutSecretCommand>getArgument(0).ifRevision());
            return new PutSecretResult.Created(1);
        });
        assertEquals(
                0,
                runEdit(
                        Map.of("VISUAL", "vim"),
                        (editor, file) -> {
                            assertTrue(
                                    editor.startsWith("vim -n -i NONE"),
                                    "vim keeps no swap or viminfo file: " + editor);
                            java.nio.file.Files.writeString(file, "brand new\n" + EditForm.SEPARATOR + "\n");
                            return 0;
                        },
                        "edit",
                        "new/one"));
        assertEquals(List.of(OptionalLong.of(0)), revisions);
    }

    @Test
    void theManPage_isWrittenFromTheGrammar_everyCommandAndOptionInIt() throws Exception {
        assertEquals(0, run("__man"));
        String page = out.toString();
        assertTrue(page.startsWith(".TH OMNIVAULT 1 \"\" \"omnivault 9.9.9\""), page.substring(0, 60));
        for (CommandSyntax command : OmniVaultCli.COMMANDS) {
            assertTrue(page.contains(".B " + command.name().replace("-", "\\-")), command.name());
            for (CommandSyntax.Option option : command.options()) {
                assertTrue(page.contains(option.key().replace("-", "\\-")), option.key());
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/groff")), "groff renders it");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("omnivault", ".1");
        try {
            java.nio.file.Files.writeString(file, page);
            Process groff = new ProcessBuilder("/usr/bin/groff", "-man", "-Tutf8", "-ww", file.toString())
                    .redirectErrorStream(false)
                    .start();
            String rendered = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String warnings = new String(groff.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, groff.waitFor());
            assertEquals("", warnings, "groff warns");
            assertTrue(rendered.contains("omnivault"), rendered);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
