package dev.omnivault.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One codec for both ends: what the daemon's side writes, the client's side reads back whole
 * (values, fields, tags, times, status), and what the client writes, the daemon reads back; a
 * value is any Unicode text, escapes and quotes included; what is not an answer of the API says so.
 */
class WireCodecTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-03-02T08:30:00.123456789Z");
    private static final String AWKWARD = "p\"a\\ss\nw\u00f6rd \u2603 \ud83d\udd11 \u0000 end";

    private static Secret secret(String path, String value) {
        return Secret.restore(
                SecretPath.of(path),
                SecretValue.ofText(value),
                Map.of("username", SecretValue.ofText("app"), "pin", SecretValue.ofText(AWKWARD)),
                Map.of("env", "prod", "team", "\u00e9quipe"),
                CREATED,
                UPDATED);
    }

    private static void assertSameSecret(Secret expected, Secret actual) {
        assertEquals(expected.path(), actual.path());
        assertTrue(expected.value().sameAs(actual.value()), "the value");
        assertEquals(expected.fields().keySet(), actual.fields().keySet());
        expected.fields()
                .forEach(
                        (name, value) -> assertTrue(value.sameAs(actual.fields().get(name)), name));
        assertEquals(expected.tags(), actual.tags());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.updatedAt(), actual.updatedAt());
    }

    @Test
    void aSecretTheDaemonWrites_isReadBackWhole_byTheClient() {
        try (Secret written = secret("db/password", AWKWARD);
                Secret read = Answers.secret(Responses.secret(written), SecretPath.of("db/password"))) {
            assertSameSecret(written, read);
        }
    }

    @Test
    void anExport_withValues_isReadBackWhole_andWithoutValues_holdsNone() {
        List<Secret> secrets = List.of(secret("a/one", "1"), secret("b/two", AWKWARD));
        List<Secret> read = Answers.exported(Responses.export(secrets, true));
        assertEquals(2, read.size());
        for (int i = 0; i < 2; i++) {
            assertSameSecret(secrets.get(i), read.get(i));
        }
        List<Secret> bare = Answers.exported(Responses.export(secrets, false));
        assertTrue(bare.getFirst().value().isEmpty(), "no value travels without --include-values");
        assertTrue(bare.getFirst().fields().isEmpty());
        secrets.forEach(Secret::close);
        read.forEach(Secret::close);
        bare.forEach(Secret::close);
    }

    @Test
    void aListAndAStatus_areReadBackAsWritten() {
        var summaries = List.of(
                new SecretSummary(SecretPath.of("a/b"), true, false, List.of("env"), UPDATED),
                new SecretSummary(SecretPath.of("c"), false, true, List.of(), CREATED));
        assertEquals(summaries, Answers.summaries(Responses.list(summaries)));
        var vault = new VaultStatus(
                true,
                false,
                7,
                Optional.of(CREATED),
                Optional.of(UPDATED),
                Optional.empty(),
                List.of("vault.meta.v1.bak"));
        var status = new DaemonStatus(vault, Duration.ofMinutes(90), "1.2.3");
        assertEquals(status, Answers.status(Responses.status(vault, status.uptime(), status.version())));
    }

    @Test
    void whatTheClientWrites_theDaemonReadsBack() {
        try (var passphrase = Passphrase.adopt(AWKWARD.toCharArray());
                var read = Requests.password(Requests.password(passphrase))) {
            assertTrue(new String(read.revealChars()).equals(AWKWARD));
        }
        try (var current = Passphrase.adopt("old one".toCharArray());
                var next = Passphrase.adopt("new one".toCharArray());
                var change = Requests.passwordChange(Requests.passwordChange(current, next))) {
            assertEquals("old one", new String(change.current().revealChars()));
            assertEquals("new one", new String(change.replacement().revealChars()));
        }
        try (var value = SecretValue.ofText(AWKWARD);
                var field = SecretValue.ofText("f");
                var content = Requests.content(Requests.content(value, Map.of("f", field), Map.of("t", "v")))) {
            assertTrue(value.sameAs(content.value()));
            assertTrue(field.sameAs(content.fields().get("f")));
            assertEquals(Map.of("t", "v"), content.tags());
        }
        var commands = List.of(
                new PutSecretCommand(
                        SecretPath.of("x/1"), SecretValue.ofText("one"), Map.of(), Map.of(), Caller.unknown()),
                new PutSecretCommand(
                        SecretPath.of("x/2"),
                        SecretValue.ofText(AWKWARD),
                        Map.of(),
                        Map.of("k", "v"),
                        Caller.unknown()));
        try (var body = Requests.secrets(Requests.secrets(commands))) {
            assertEquals(2, body.secrets().size());
            assertEquals(SecretPath.of("x/2"), body.secrets().get(1).path());
            assertTrue(commands.get(1)
                    .value()
                    .sameAs(body.secrets().get(1).content().value()));
        }
    }

    @Test
    void theTeamBodies_roundTrip_andAnUnlockWithoutAMember_isTheGoBody() {
        try (var passphrase = Passphrase.adopt(AWKWARD.toCharArray())) {
            assertEquals(
                    new String(Requests.password(passphrase), StandardCharsets.UTF_8),
                    new String(Requests.unlock(passphrase, Optional.empty()), StandardCharsets.UTF_8));
            try (var unlocking = Requests.unlock(Requests.unlock(passphrase, Optional.of(MemberName.of("alice"))))) {
                assertEquals(Optional.of(MemberName.of("alice")), unlocking.member());
                assertEquals(AWKWARD, new String(unlocking.passphrase().revealChars()));
            }
            try (var goBody = Requests.unlock("{\"password\":\"pw\"}".getBytes(StandardCharsets.UTF_8))) {
                assertEquals(Optional.empty(), goBody.member());
            }
            try (var member = Requests.newMember(Requests.newMember(MemberName.of("bob"), passphrase))) {
                assertEquals(MemberName.of("bob"), member.name());
                assertEquals(AWKWARD, new String(member.passphrase().revealChars()));
            }
            try (var change = Requests.passwordChange(
                    Requests.passwordChange(passphrase, passphrase, Optional.of(MemberName.of("bob"))))) {
                assertEquals(Optional.of(MemberName.of("bob")), change.member());
            }
        }
        assertEquals(MemberName.of("carol"), Requests.memberName(Requests.memberName(MemberName.of("carol"))));
        assertThrows(
                InvalidInputException.class,
                () -> Requests.unlock(
                        "{\"password\":\"pw\",\"member\":\"no/slash\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                InvalidInputException.class,
                () -> Requests.unlock("{\"password\":\"pw\",\"member\":7}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                InvalidInputException.class,
                () -> Requests.newMember("{\"name\":\"bob\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidInputException.class, () -> Requests.memberName("{}".getBytes(StandardCharsets.UTF_8)));
        var team = new dev.omnivault.application.port.in.Team(
                List.of(MemberName.of("a"), MemberName.OWNER), MemberName.of("a"));
        assertEquals(team, Answers.team(Responses.team(team)));
    }

    @Test
    void anExportFile_isAnImportBody_andABareArrayOnlyWhereAFileMayBeOne() {
        List<Secret> secrets = List.of(secret("a/one", AWKWARD));
        try (var body = Requests.secrets(Responses.export(secrets, true))) {
            assertTrue(secrets.getFirst()
                    .value()
                    .sameAs(body.secrets().getFirst().content().value()));
        }
        byte[] array = "[{\"path\":\"k\",\"value\":\"v\"}]".getBytes(StandardCharsets.UTF_8);
        try (var body = Requests.secrets(array, true)) {
            assertEquals(SecretPath.of("k"), body.secrets().getFirst().path());
        }
        var refused = assertThrows(InvalidInputException.class, () -> Requests.secrets(array));
        assertEquals("the body must be a JSON object", refused.getMessage());
        secrets.forEach(Secret::close);
    }

    @Test
    void anErrorAnswer_isReadAsItsCodeAndMessage_andWhatIsNotAnAnswerSaysSo() {
        assertEquals(
                Optional.of(new Answers.Problem("VAULT_LOCKED", "vault is locked")),
                Answers.problem(Responses.error("vault is locked", ErrorCode.VAULT_LOCKED)));
        byte[] html = "<html>Bad Gateway</html>".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Optional.empty(), Answers.problem(html));
        assertEquals(Optional.of("the daemon's answer is not valid JSON"), Answers.malformation(html));
        assertEquals(
                Optional.of("the daemon's answer is not a JSON object"),
                Answers.malformation("[1]".getBytes(StandardCharsets.US_ASCII)));
        var notASecret = assertThrows(
                IllegalStateException.class,
                () -> Answers.secret("{\"value\":".getBytes(StandardCharsets.US_ASCII), SecretPath.of("a")));
        assertEquals("the daemon's answer is not valid JSON", notASecret.getMessage());
        var numberValue = assertThrows(
                IllegalStateException.class,
                () -> Answers.secret("{\"value\":42}".getBytes(StandardCharsets.US_ASCII), SecretPath.of("a")));
        assertTrue(numberValue.getMessage().contains("not a string"), numberValue.getMessage());
    }

    @Test
    void theGenerateAndMoveBodies_roundTrip_haveDefaults_andRefuseWrongTypes() {
        var generation = new Requests.Generation(
                Optional.of(SecretPath.of("db/pw")),
                new dev.omnivault.domain.PasswordRecipe(40, false, 0),
                true,
                false);
        assertEquals(generation, Requests.generation(Requests.generation(generation)));
        var defaults = Requests.generation("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), defaults.path());
        assertEquals(dev.omnivault.domain.PasswordRecipe.standard(), defaults.recipe());
        for (String bad : List.of(
                "{\"length\":\"24\"}",
                "{\"length\":7}",
                "{\"length\":99999999999}",
                "{\"words\":65}",
                "{\"symbols\":1}",
                "{\"path\":\"a//b\"}",
                "{\"length\":[24]}",
                "[]")) {
            assertThrows(
                    InvalidInputException.class, () -> Requests.generation(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        var move = Requests.move(Requests.move(SecretPath.of("a b/c"), SecretPath.of("d/\u00e9"), true));
        assertEquals(new Requests.Move(SecretPath.of("a b/c"), SecretPath.of("d/\u00e9"), true), move);
        assertThrows(
                InvalidInputException.class, () -> Requests.move("{\"from\":\"a\"}".getBytes(StandardCharsets.UTF_8)));

        try (SecretValue value = SecretValue.ofText(AWKWARD);
                SecretValue back = Answers.generated(Responses.generated(value, 0, false, false))) {
            assertEquals(AWKWARD, back.revealText());
        }
        try (SecretValue value = SecretValue.ofText("kept in the daemon")) {
            byte[] stored = Responses.generated(value, 9, true, false);
            assertTrue(!new String(stored, StandardCharsets.UTF_8).contains("kept"), "a stored value stays out");
            assertEquals(9, Answers.revision(stored));
            try (SecretValue none = Answers.generated(stored)) {
                assertTrue(none.isEmpty());
            }
        }
    }
}
