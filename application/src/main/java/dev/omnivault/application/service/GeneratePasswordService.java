package dev.omnivault.application.service;

import dev.omnivault.application.port.in.GeneratePasswordCommand;
import dev.omnivault.application.port.in.GeneratePasswordUseCase;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.PasswordRecipe;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Generates passwords with the daemon's {@code SecureRandom} (uniform choices, {@code nextInt}
 * bounded, no modulo bias): characters drawn from letters, digits and symbols until each kind is
 * present, or words from the list shipped with this module ({@code words.txt}, about 2,200 words
 * of 3 to 8 letters: 11 bits a word). With a path, the password is stored without leaving the
 * daemon unless asked for.
 */
public final class GeneratePasswordService implements GeneratePasswordUseCase {

    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    /** Printable ASCII symbols less the quotes, the backslash, the backtick and the space: safe in most configs. */
    static final String SYMBOLS = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

    private final VaultKeeper keeper;
    private final AuditLog audit;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final List<String> words;

    public GeneratePasswordService(VaultKeeper keeper, AuditLog audit, InstantSource clock, RandomGenerator random) {
        this.keeper = keeper;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.words = wordList();
    }

    @Override
    public Generated generate(GeneratePasswordCommand command) {
        SecretValue value = make(command.recipe());
        if (command.path().isEmpty()) {
            return new Generated(value, Secret.UNSTORED);
        }
        SecretPath path = command.path().get();
        try {
            long revision = keeper.write(Activity.PUT_SECRET, session -> {
                try (Secret existing = session.read(path).orElse(null)) {
                    if (existing == null) {
                        try (Secret created = Secret.create(path, value.copy(), Map.of(), Map.of(), clock.instant())) {
                            return session.writeIf(created, Secret.UNSTORED);
                        }
                    }
                    if (!command.force()) {
                        throw new VaultAlreadyExistsException("a secret exists at '" + path
                                + "'; --force gives it a new value (its fields and tags stay)");
                    }
                    var fields = new TreeMap<String, SecretValue>();
                    existing.fields().forEach((name, field) -> fields.put(name, field.copy()));
                    try (Secret rotated = existing.overwrite(value.copy(), fields, existing.tags(), clock.instant())) {
                        return session.writeIf(rotated, existing.revision());
                    }
                }
            });
            audit.record(new AuditEvent.SecretStored(path, command.caller()));
            if (command.reveal()) {
                return new Generated(value, revision);
            }
            value.close();
            return new Generated(SecretValue.empty(), revision);
        } catch (RuntimeException failed) {
            value.close();
            throw failed;
        }
    }

    /** A password by {@code recipe}, as UTF-8 (ASCII) bytes; no String of it is made. */
    SecretValue make(PasswordRecipe recipe) {
        char[] chars = recipe.passphrase() ? passphrase(recipe.words()) : characters(recipe);
        ByteBuffer utf8 = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        Arrays.fill(chars, '\0');
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
        try {
            return SecretValue.ofUtf8(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private char[] characters(PasswordRecipe recipe) {
        String alphabet = LOWER + UPPER + DIGITS + (recipe.symbols() ? SYMBOLS : "");
        List<String> kinds = recipe.symbols() ? List.of(LOWER, UPPER, DIGITS, SYMBOLS) : List.of(LOWER, UPPER, DIGITS);
        char[] chars = new char[recipe.length()];
        do { // drawn again until every kind is in it: uniform over the passwords that have them all
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
        } while (!kinds.stream().allMatch(kind -> holdsOneOf(chars, kind)));
        return chars;
    }

    private static boolean holdsOneOf(char[] chars, String kind) {
        for (char c : chars) {
            if (kind.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private char[] passphrase(int count) {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append('-');
            }
            text.append(words.get(random.nextInt(words.size())));
        }
        char[] chars = new char[text.length()];
        text.getChars(0, text.length(), chars, 0);
        text.setLength(0);
        for (int i = 0; i < chars.length; i++) {
            text.append(' '); // overwrite the builder's characters before it is dropped
        }
        return chars;
    }

    /** The number of words the passphrases are drawn from. */
    int wordCount() {
        return words.size();
    }

    private static List<String> wordList() {
        try (InputStream in = GeneratePasswordService.class.getResourceAsStream("words.txt")) {
            if (in == null) {
                throw new IllegalStateException("the word list words.txt is missing from the application module");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
