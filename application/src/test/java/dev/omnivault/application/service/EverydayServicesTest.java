package dev.omnivault.application.service;

import static dev.omnivault.application.service.ServiceFixture.CALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.omnivault.application.port.in.GeneratePasswordCommand;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.MoveSecretCommand;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.PasswordRecipe;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** generate, mv/cp and find in the services, over a mocked session. */
class EverydayServicesTest {

    private static final SecretPath FROM = SecretPath.of("app/old");
    private static final SecretPath TO = SecretPath.of("app/new");

    private final ServiceFixture fixture = ServiceFixture.withLockedVault().unlocked();

    private GeneratePasswordService generator() {
        return new GeneratePasswordService(fixture.keeper, fixture.audit, fixture.clock, new Random(7));
    }

    private Secret stored(SecretPath path, String value, Map<String, String> tags, long revision) {
        return Secret.restore(
                path,
                SecretValue.ofText(value),
                Map.of("user", SecretValue.ofText("app")),
                tags,
                Instant.EPOCH,
                Instant.EPOCH,
                revision);
    }

    private GeneratePasswordCommand generate(Optional<SecretPath> path, PasswordRecipe recipe, boolean force) {
        return new GeneratePasswordCommand(path, recipe, force, true, CALLER);
    }

    @Test
    void aPassword_hasItsLength_andEveryKindOfCharacter_andOnlyThose() {
        var service = generator();
        for (int i = 0; i < 200; i++) {
            try (var generated = service.generate(generate(Optional.empty(), PasswordRecipe.standard(), false))) {
                String text = generated.value().revealText();
                assertEquals(24, text.length());
                assertTrue(text.chars().anyMatch(c -> GeneratePasswordService.LOWER.indexOf(c) >= 0), text);
                assertTrue(text.chars().anyMatch(c -> GeneratePasswordService.UPPER.indexOf(c) >= 0), text);
                assertTrue(text.chars().anyMatch(c -> GeneratePasswordService.DIGITS.indexOf(c) >= 0), text);
                assertTrue(text.chars().anyMatch(c -> GeneratePasswordService.SYMBOLS.indexOf(c) >= 0), text);
                assertTrue(text.chars().noneMatch(c -> c == '"' || c == '\'' || c == '\\' || c == ' '), text);
            }
            try (var plain = service.generate(generate(Optional.empty(), new PasswordRecipe(8, false, 0), false))) {
                assertTrue(
                        plain.value().revealText().matches("[A-Za-z0-9]{8}"),
                        plain.value().revealText());
            }
        }
        verify(fixture.session, never()).write(any());
    }

    @Test
    void passwordsDiffer_andAPassphraseHasItsWords_fromTheList() {
        var service = generator();
        var seen = new HashSet<String>();
        for (int i = 0; i < 50; i++) {
            try (var generated = service.generate(generate(Optional.empty(), PasswordRecipe.standard(), false))) {
                seen.add(generated.value().revealText());
            }
        }
        assertEquals(50, seen.size());
        assertTrue(service.wordCount() >= 2048, "at least 11 bits a word: " + service.wordCount());
        try (var phrase = service.generate(generate(Optional.empty(), new PasswordRecipe(24, true, 6), false))) {
            String[] words = phrase.value().revealText().split("-");
            assertEquals(6, words.length);
            for (String word : words) {
                assertTrue(word.matches("[a-z]{3,8}"), word);
            }
        }
    }

    @Test
    void theLimits_ofARecipe_holdAtTheEdge_andOnePastIt() {
        new PasswordRecipe(8, true, 0);
        new PasswordRecipe(1024, true, 0);
        new PasswordRecipe(24, true, 3);
        new PasswordRecipe(24, true, 64);
        assertThrows(InvalidInputException.class, () -> new PasswordRecipe(7, true, 0));
        assertThrows(InvalidInputException.class, () -> new PasswordRecipe(1025, true, 0));
        assertThrows(InvalidInputException.class, () -> new PasswordRecipe(24, true, 2));
        assertThrows(InvalidInputException.class, () -> new PasswordRecipe(24, true, 65));
        assertThrows(InvalidInputException.class, () -> new PasswordRecipe(24, true, -1));
    }

    @Test
    void aStoredPassword_isCreatedOnlyWhereThereIsNone_andStaysInTheDaemonUnlessAsked() {
        var written = new ArrayList<String>();
        when(fixture.session.read(TO)).thenReturn(Optional.empty());
        when(fixture.session.writeIf(any(), eq(Secret.UNSTORED))).thenAnswer(call -> {
            written.add(call.<Secret>getArgument(0).value().revealText());
            return 5L;
        });
        try (var hidden = generator()
                .generate(new GeneratePasswordCommand(
                        Optional.of(TO), PasswordRecipe.standard(), false, false, CALLER))) {
            assertTrue(hidden.value().isEmpty(), "not asked for: it stays in the daemon");
            assertEquals(5, hidden.revision());
        }
        assertEquals(1, written.size());
        assertEquals(24, written.getFirst().length());
        verify(fixture.audit).record(new AuditEvent.SecretStored(TO, CALLER));
    }

    @Test
    void overAnExistingSecret_generateNeedsForce_andThenKeepsItsFieldsAndTags() {
        when(fixture.session.read(TO)).thenAnswer(call -> Optional.of(stored(TO, "old", Map.of("env", "prod"), 9)));
        assertThrows(
                VaultAlreadyExistsException.class,
                () -> generator().generate(generate(Optional.of(TO), PasswordRecipe.standard(), false)));
        verify(fixture.session, never()).writeIf(any(), anyLong());
        var written = new ArrayList<String>();
        when(fixture.session.writeIf(any(), eq(9L))).thenAnswer(call -> {
            Secret secret = call.getArgument(0);
            written.add(secret.value().revealText() + " "
                    + secret.fields().get("user").revealText() + " " + secret.tags());
            return 10L;
        });
        try (var rotated = generator().generate(generate(Optional.of(TO), PasswordRecipe.standard(), true))) {
            assertEquals(rotated.value().revealText() + " app {env=prod}", written.getFirst());
        }
    }

    @Test
    void aMove_isConditionalOnWhatWasRead_andKeepsCreatedAt() {
        when(fixture.session.read(FROM)).thenAnswer(call -> Optional.of(stored(FROM, "v", Map.of(), 4)));
        when(fixture.session.read(TO)).thenReturn(Optional.empty());
        var moved = new ArrayList<Secret>();
        when(fixture.session.move(any(), eq(FROM), eq(4L), eq(OptionalLong.of(Secret.UNSTORED))))
                .thenAnswer(call -> {
                    moved.add(call.<Secret>getArgument(0).copy());
                    return 6L;
                });
        assertEquals(
                6L,
                new MoveSecretService(fixture.keeper, fixture.audit, fixture.clock)
                        .move(new MoveSecretCommand(FROM, TO, false, false, CALLER)));
        assertEquals(TO, moved.getFirst().path());
        assertEquals(Instant.EPOCH, moved.getFirst().createdAt());
        assertEquals("v", moved.getFirst().value().revealText());
        verify(fixture.audit).record(new AuditEvent.SecretDeleted(FROM, CALLER));
        verify(fixture.audit).record(new AuditEvent.SecretStored(TO, CALLER));
    }

    @Test
    void aMoveOrCopy_ontoATakenPath_needsForce_andOfAMissingOne_isNotFound() {
        var service = new MoveSecretService(fixture.keeper, fixture.audit, fixture.clock);
        when(fixture.session.read(FROM)).thenAnswer(call -> Optional.of(stored(FROM, "v", Map.of(), 4)));
        when(fixture.session.read(TO)).thenAnswer(call -> Optional.of(stored(TO, "taken", Map.of(), 2)));
        assertThrows(
                VaultAlreadyExistsException.class,
                () -> service.move(new MoveSecretCommand(FROM, TO, false, false, CALLER)));
        assertThrows(
                VaultAlreadyExistsException.class,
                () -> service.move(new MoveSecretCommand(FROM, TO, true, false, CALLER)));
        verify(fixture.session, never()).move(any(), any(), anyLong(), any());
        service.move(new MoveSecretCommand(FROM, TO, false, true, CALLER));
        verify(fixture.session).move(any(), eq(FROM), eq(4L), eq(OptionalLong.empty()));

        fixture.clock.advance(Duration.ofMinutes(1));
        var copied = new ArrayList<Instant>();
        when(fixture.session.write(any())).thenAnswer(call -> {
            copied.add(call.<Secret>getArgument(0).createdAt());
            return 8L;
        });
        service.move(new MoveSecretCommand(FROM, TO, true, true, CALLER));
        assertEquals(List.of(fixture.clock.instant()), copied, "a copy is a new secret");

        when(fixture.session.read(FROM)).thenReturn(Optional.empty());
        assertThrows(
                SecretNotFoundException.class,
                () -> service.move(new MoveSecretCommand(FROM, TO, false, true, CALLER)));
        assertThrows(InvalidInputException.class, () -> new MoveSecretCommand(FROM, FROM, false, true, CALLER));
    }

    @Test
    void find_matchesPathsTagNamesAndTagValues_caseAside() {
        var byPath =
                new dev.omnivault.domain.SecretSummary(SecretPath.of("Prod/db"), true, false, List.of(), Instant.EPOCH);
        var byTagName = new dev.omnivault.domain.SecretSummary(
                SecretPath.of("a/x"), true, false, List.of("PRODUCTION"), Instant.EPOCH);
        var byTagValue = new dev.omnivault.domain.SecretSummary(
                SecretPath.of("b/y"), true, false, List.of("env"), Instant.EPOCH);
        var none = new dev.omnivault.domain.SecretSummary(
                SecretPath.of("c/z"), true, false, List.of("env"), Instant.EPOCH);
        when(fixture.session.list("")).thenReturn(List.of(byPath, byTagName, byTagValue, none));
        when(fixture.session.read(SecretPath.of("b/y")))
                .thenAnswer(call -> Optional.of(stored(SecretPath.of("b/y"), "v", Map.of("env", "Prod-EU"), 1)));
        when(fixture.session.read(SecretPath.of("c/z")))
                .thenAnswer(call -> Optional.of(stored(SecretPath.of("c/z"), "prod", Map.of("env", "dev"), 1)));
        assertEquals(
                List.of(byPath, byTagName, byTagValue),
                new ListSecretsService(fixture.keeper).list(new ListSecretsQuery("", "prod")));
    }
}
