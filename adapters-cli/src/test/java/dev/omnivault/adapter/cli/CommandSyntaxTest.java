package dev.omnivault.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.omnivault.adapter.cli.CommandSyntax.Arguments;
import dev.omnivault.adapter.cli.CommandSyntax.Option;
import dev.omnivault.adapter.cli.CommandSyntax.Positional;
import dev.omnivault.domain.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSyntaxTest {

    /** The shape of {@code set}: two positionals, one optional; a repeatable option and a flag. */
    private static final CommandSyntax SET = new CommandSyntax(
            "set",
            List.of("put"),
            "Store a secret",
            List.of(Positional.required("<path>"), Positional.optional("value")),
            List.of(
                    Option.repeatable("--field", "name=value", "a field"),
                    Option.value("--format", "F", "a format"),
                    Option.flag("-f", "--force", "no questions")));

    private static Arguments parse(String... words) {
        return SET.parse(List.of(words));
    }

    private static String mistake(String... words) {
        return assertThrows(InvalidInputException.class, () -> parse(words)).getMessage();
    }

    @Test
    void optionsMayComeBeforeBetweenOrAfterThePositionals() {
        Arguments arguments = parse("--field", "a=1", "api/key", "-f", "v", "--field=b=2");
        assertEquals(List.of("api/key", "v"), arguments.positionals());
        assertEquals(List.of("a=1", "b=2"), arguments.values("--field"));
        assertTrue(arguments.flag("--force"), "-f is --force");
        assertFalse(arguments.flag("--format"));
        assertEquals("fallback", arguments.value("--format", "fallback"));
        assertEquals("", arguments.positional(2, ""));
    }

    @Test
    void doubleDashEndsTheOptions_andALoneDashIsAPositional() {
        assertEquals(List.of("k", "-value"), parse("k", "--", "-value").positionals());
        assertEquals(List.of("-", "--json"), parse("-", "--", "--json").positionals());
        assertEquals("--weird", parse("k", "--format", "--weird").value("--format", ""));
    }

    @Test
    void helpNeedsNoPositionals() {
        assertTrue(parse("--help").help());
        assertTrue(parse("k", "-h").help());
        String help = SET.help();
        assertTrue(
                help.startsWith(
                        "Usage: omnivault set <path> [value] [--field name=value]... [--format F] [-f|--force]"),
                help);
        assertTrue(help.contains("Also: put"), help);
        assertTrue(help.contains("--field name=value"), help);
    }

    @Test
    void mistakesNameTheWordAndShowTheUsage() {
        assertEquals("set: unknown option '--bogus' (usage: " + SET.usageLine() + ")", mistake("k", "--bogus"));
        assertTrue(mistake("k", "-x").contains("unknown option '-x'"));
        assertTrue(mistake().contains("missing <path>"));
        assertTrue(mistake("k", "v", "extra").contains("unexpected argument 'extra'"));
        assertTrue(mistake("k", "--format").contains("option --format needs a value (F)"));
        assertTrue(mistake("k", "--force=yes").contains("option --force takes no value"));
        assertTrue(mistake("k", "--format", "a", "--format", "b").contains("option --format is given twice"));
    }

    @Test
    void everyCommandParsesItsOwnHelp_andAnswersToItsAliases() {
        for (CommandSyntax command : OmniVaultCli.COMMANDS) {
            assertTrue(command.parse(List.of("--help")).help(), command.name());
            assertTrue(command.help().startsWith("Usage: omnivault " + command.name()), command.name());
            assertTrue(OmniVaultCli.isCommand(command.name()));
            command.aliases().forEach(alias -> assertTrue(OmniVaultCli.isCommand(alias), alias));
        }
        assertFalse(OmniVaultCli.isCommand("frobnicate"));
        assertFalse(OmniVaultCli.isCommand("--json"));
    }

    /** Sources the script in a real bash and asks it to complete, as Tab would. */
    private static String complete(Path dir, String line) throws IOException, InterruptedException {
        Path script = dir.resolve("omnivault.bash");
        Files.writeString(script, Completion.bash(OmniVaultCli.COMMANDS));
        Files.writeString(dir.resolve("secrets.env"), "");
        var process = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source \"$1\"; COMP_WORDS=($2); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                                + " [[ $2 == *' ' ]] && { COMP_WORDS+=(''); COMP_CWORD=$(( COMP_CWORD + 1 )); };"
                                + " _omnivault; echo \"${COMPREPLY[*]}\"",
                        "complete",
                        script.toString(),
                        line)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void theCompletionScriptCompletesCommandsOptionsAndFiles(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is needed to run the script");
        assertEquals("change-password completion", complete(dir, "omnivault c"));
        assertEquals("--field --json --help", complete(dir, "omnivault get api/key --"));
        assertEquals("--force", complete(dir, "omnivault rm k --f"));
        assertEquals("start stop status", complete(dir, "omnivault daemon st"));
        assertEquals("secrets.env", complete(dir, "omnivault import sec"));
        assertEquals("--format", complete(dir, "omnivault import --fo"));
    }
}
