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
        Path stub = stubProgram(dir);
        var process = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source \"$1\"; COMP_WORDS=($2); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                                + " [[ $2 == *' ' ]] && { COMP_WORDS+=(''); COMP_CWORD=$(( COMP_CWORD + 1 )); };"
                                + " _omnivault; echo \"${COMPREPLY[*]}\"",
                        "complete",
                        script.toString(),
                        line.replaceFirst("^omnivault", stub.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    /**
     * A stand-in for the omnivault program the scripts call for names: it answers {@code
     * __complete PREFIX} as the daemon's index would, and writes down that it was asked.
     */
    private static Path stubProgram(Path dir) throws IOException {
        Path stub = dir.resolve("omnivault");
        Files.writeString(stub, """
                #!/bin/sh
                [ "$1" = __complete ] || exit 3
                echo "$2" >> "$(dirname "$0")/asked"
                for name in api/ app/db app/prod/ apricot; do
                  case $name in "$2"*) echo "$name" ;; esac
                done
                """);
        stub.toFile().setExecutable(true);
        return stub;
    }

    @Test
    void theCompletionScriptCompletesCommandsOptionsAndFiles(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is needed to run the script");
        assertEquals("cp change-password completion", complete(dir, "omnivault c"));
        assertEquals("--field --json --help", complete(dir, "omnivault get api/key --"));
        assertEquals("--force", complete(dir, "omnivault rm k --f"));
        assertEquals("start stop status", complete(dir, "omnivault daemon st"));
        assertEquals("secrets.env", complete(dir, "omnivault import sec"));
        assertEquals("--format", complete(dir, "omnivault import --fo"));
        assertEquals("app/db app/prod/", complete(dir, "omnivault get app/"));
        assertEquals("api/ app/db app/prod/ apricot", complete(dir, "omnivault mv app/x "));
        assertEquals("--field --tag --if-rev --help", complete(dir, "omnivault set app/x "), "a value is no name");
        assertEquals("--force", complete(dir, "omnivault mv --fo"));
        assertTrue(Files.readString(dir.resolve("asked")).contains("app/"), "the names came from the program");
    }

    /** fish's own completer, asked as Tab would ask it ({@code complete -C}). */
    private static String fish(Path dir, String line) throws IOException, InterruptedException {
        Path script = dir.resolve("omnivault.fish");
        Files.writeString(script, Completion.fish(OmniVaultCli.COMMANDS));
        stubProgram(dir);
        var process = new ProcessBuilder(
                        "fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script.toString(), line)
                .directory(dir.toFile())
                .redirectErrorStream(true);
        process.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process fish = process.start();
        String output = new String(fish.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, fish.waitFor(), output);
        return output;
    }

    @Test
    void theFishScript_completesCommandsWithTheirSummaries_optionsAndNames(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/fish")), "fish is needed to run the script (.ci/run installs it)");
        String commands = fish(dir, "omnivault ge");
        assertTrue(commands.contains("get\tPrint a secret"), commands);
        assertTrue(commands.contains("generate\tGenerate a password"), commands);
        assertEquals("--field\tprint only this field", fish(dir, "omnivault get api/key --fi"));
        assertEquals("app/db\napp/prod/", fish(dir, "omnivault get app/"));
        assertTrue(fish(dir, "omnivault daemon st").contains("status"));
    }

    @Test
    void theZshScript_isZshOfItsOwn_andRegistersItself(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is needed to run the script (.ci/run installs it)");
        Path script = dir.resolve("_omnivault");
        Files.writeString(script, Completion.zsh(OmniVaultCli.COMMANDS));
        var process = new ProcessBuilder(
                        "zsh",
                        "-f",
                        "-c",
                        "autoload -U compinit && compinit -u -d $2/.zcompdump && source $1 && print -r -- $_comps[omnivault]",
                        "zsh",
                        script.toString(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        assertEquals("_omnivault", output);
        assertTrue(!Completion.zsh(OmniVaultCli.COMMANDS).contains("bashcompinit"), "native, not bash's script");
    }

    @Test
    void aRestPositional_takesEveryWordFromItsFirst_optionsOrNot() {
        var run = new CommandSyntax(
                "run",
                List.of(),
                "Run",
                List.of(Positional.rest("CMD [ARGS]")),
                List.of(Option.repeatable("--env", "NAME=REF", "a variable")));
        assertEquals(
                List.of("ls", "-l", "--env", "x"),
                run.parse(List.of("--env", "A=1", "ls", "-l", "--env", "x")).positionals());
        assertEquals(
                List.of("A=1"),
                run.parse(List.of("--env", "A=1", "ls", "--env", "x")).values("--env"));
        assertEquals(List.of("-x", "y"), run.parse(List.of("--", "-x", "y")).positionals());
        assertTrue(assertThrows(InvalidInputException.class, () -> run.parse(List.of("--env", "A=1")))
                .getMessage()
                .contains("missing CMD [ARGS]"));
        assertEquals("omnivault run [--env NAME=REF]... [--] CMD [ARGS]", run.usageLine());
    }
}
