package dev.omnivault.adapter.cli;

import dev.omnivault.adapter.cli.CommandSyntax.Arguments;
import dev.omnivault.adapter.cli.CommandSyntax.Option;
import dev.omnivault.adapter.cli.CommandSyntax.Positional;
import dev.omnivault.application.port.in.AddMemberCommand;
import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.RemoveMemberCommand;
import dev.omnivault.application.port.in.ResolveReferencesQuery;
import dev.omnivault.application.port.in.Team;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.GoDuration;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretReference;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.protocol.Responses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code omnivault} vault commands of SPEC §8, with the Go original's outputs. Every failure
 * becomes {@code Error: <message>} on stderr and the exit code of {@link ExitCode}; no stack trace.
 * Each command's grammar is a {@link CommandSyntax} in {@link #COMMANDS}; a call parses only its
 * own command's words.
 */
public final class OmniVaultCli {

    static final String NO_VAULT = "vault does not exist, run: omnivault init";
    static final String NOT_RUNNING = "daemon is not running, start it with: omnivault daemon start";
    private static final String JSON_HELP = "print the API's JSON";

    /** The vault commands, in the order the help and the completion script list them. */
    static final List<CommandSyntax> COMMANDS = List.of(
            command("init", "Create the vault (prompts for the master password twice)"),
            command(
                    "unlock",
                    "Unlock the vault (prompts for the master password)",
                    List.of(),
                    memberOption("unlock as this member of a team vault")),
            command("lock", "Lock the vault"),
            command("status", "Show daemon and vault status", List.of(), Option.flag("--json", JSON_HELP)),
            command(
                    "get",
                    "Print a secret: its value, then each field as name: value",
                    List.of(Positional.secret("<path>", true)),
                    Option.value("--field", "NAME", "print only this field"),
                    Option.flag("--json", JSON_HELP)),
            command(
                    "set",
                    "Store a secret: the value from the argument, a hidden prompt, or stdin",
                    List.of(Positional.secret("<path>", true), Positional.optional("value")),
                    Option.repeatable("--field", "name=value", "a named field (repeatable)"),
                    Option.repeatable("--tag", "name=value", "a tag (repeatable)"),
                    Option.value(
                            "--if-rev",
                            "N",
                            "only if the secret is still at revision N (get --json shows it; 0: only if there is"
                                    + " none); exit 9 if someone changed it")),
            command(
                    "read",
                    "Print what a reference names: omnivault://PATH (the value) or omnivault://PATH#FIELD",
                    List.of(Positional.required("REF")),
                    Option.flag("-n", "--no-newline", "no newline after the value")),
            command(
                    "run",
                    "Run CMD with the caller's environment plus secrets: each --env NAME=REF, each NAME=REF line"
                            + " of --env-file (other lines pass as they are), each secret directly under --prefix as"
                            + " its last segment upper-cased; all resolved in one request before CMD starts. CMD's"
                            + " exit status is passed on; ours before it starts is 125 (4: a reference is missing;"
                            + " 126/127: CMD cannot run)",
                    List.of(Positional.rest("CMD [ARGS]")),
                    Option.repeatable(
                            "--env", "NAME=REF", "set NAME to what REF names (repeatable; wins over the rest)"),
                    Option.value("--env-file", "FILE", "dotenv lines NAME=REF or NAME=value"),
                    Option.value(
                            "--prefix", "P", "export every secret directly under P as its upper-cased last segment"),
                    Option.flag("--mask", "replace each value in CMD's stdout and stderr with " + Masker.TEXT)),
            command(
                    "inject",
                    "Copy a template to OUT (stdout by default), each {{ omnivault://PATH[#FIELD] }} replaced"
                            + " with what it names, all resolved in one request; OUT is created 600, and nothing is"
                            + " written if a reference is missing (exit 4)",
                    List.of(),
                    Option.value("-i", "--in-file", "TEMPLATE", "the template (default: stdin)"),
                    Option.value("-o", "--out-file", "OUT", "write here, mode 600, atomically (default: stdout)"),
                    Option.flag("-f", "--force", "replace an existing OUT")),
            command(
                    "generate",
                    "Generate a password with the daemon's SecureRandom (24 letters, digits and symbols by default);"
                            + " with PATH it is stored there and not printed unless --print",
                    List.of(Positional.secret("PATH", false)),
                    Option.value("--length", "N", "characters (8 to 1024; default 24)"),
                    Option.flag("--no-symbols", "letters and digits only"),
                    Option.value("--words", "N", "a passphrase of N words (3 to 64) from the shipped word list"),
                    Option.flag("--print", "print it even when it is stored"),
                    Option.flag("-f", "--force", "give an existing secret a new value (its fields and tags stay)")),
            command(
                    "edit",
                    "Edit a secret's value, fields and tags in $VISUAL, $EDITOR or vi, in a private file on tmpfs"
                            + " that is overwritten and removed afterwards; saved only if changed, and refused (exit 9)"
                            + " if the secret changed meanwhile; a new PATH creates the secret",
                    List.of(Positional.secret("PATH", true))),
            command(
                    "mv",
                    "Rename a secret, in one write (created_at stays)",
                    List.of(Positional.secret("FROM", true), Positional.secret("TO", true)),
                    Option.flag("-f", "--force", "replace an existing TO")),
            command(
                    "cp",
                    "Copy a secret, in one write (the copy is a new secret)",
                    List.of(Positional.secret("FROM", true), Positional.secret("TO", true)),
                    Option.flag("-f", "--force", "replace an existing TO")),
            command(
                    "find",
                    "List the secrets whose path, tag names or tag values contain TEXT (case aside)",
                    List.of(Positional.required("TEXT")),
                    Option.flag("--json", JSON_HELP)),
            new CommandSyntax(
                    "list",
                    List.of("ls"),
                    "List secrets, optionally under a prefix",
                    List.of(Positional.secret("prefix", false)),
                    List.of(Option.flag("--json", JSON_HELP))),
            new CommandSyntax(
                    "delete",
                    List.of("rm"),
                    "Delete a secret (asks for confirmation unless --force)",
                    List.of(Positional.secret("<path>", true)),
                    List.of(Option.flag("-f", "--force", "do not ask for confirmation"))),
            command(
                    "change-password",
                    "Change the master password",
                    List.of(),
                    memberOption("change this member's passphrase (a team vault)")),
            command(
                    "team",
                    "The members of a team vault: list them, add one (their first passphrase is asked twice, or"
                            + " read from stdin), or remove one (the vault is re-keyed for the others)",
                    List.of(Positional.required("list|add|remove"), Positional.optional("NAME")),
                    Option.flag("--json", JSON_HELP),
                    Option.flag("-f", "--force", "remove without asking for confirmation")),
            command(
                    "migrate",
                    "After a Go OmniVault vault was migrated: remove the files it kept, which open with its old"
                            + " password",
                    List.of(),
                    Option.flag("--forget-backups", "remove vault.meta.v1.bak and vault.enc.v1.bak")),
            command(
                    "import",
                    "Store many secrets in one write: JSON (what export --include-values prints) or"
                            + " dotenv KEY=value lines, from FILE or - for stdin",
                    List.of(Positional.file("FILE|-")),
                    Option.value("--format", "json|dotenv", "the input's format (default: from its content)"),
                    Option.value("--prefix", "PREFIX", "dotenv: store KEY at PREFIX + KEY (e.g. app/prod/)")),
            command(
                    "export",
                    "Print secrets as JSON, optionally under a prefix; values only with --include-values",
                    List.of(Positional.secret("prefix", false)),
                    Option.flag("--include-values", "print the values and fields too (import takes this back)")),
            command(
                    "completion",
                    "Print a shell-completion script: omnivault completion bash|zsh|fish (secret names are"
                            + " completed from the daemon while it is unlocked)",
                    List.of(Positional.required("bash|zsh|fish"))));

    private final CliPorts ports;
    private final Terminal terminal;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Supplier<String> version;
    private final Function<String, @Nullable String> environment;
    private final Launcher launcher;
    /** The words of the command this call runs, for its output flags (--json, -q). */
    private Arguments current = new Arguments(false, List.of(), Map.of());

    private final Caller caller =
            new Caller(java.util.OptionalLong.of(ProcessHandle.current().pid()), java.util.OptionalLong.empty());

    /**
     * {@code version} is this CLI's version, asked for only by the commands that print or compare
     * it: reading it is start-up work that most calls do not need.
     */
    public OmniVaultCli(CliPorts ports, Terminal terminal, PrintWriter out, PrintWriter err, Supplier<String> version) {
        this(ports, terminal, out, err, version, System::getenv);
    }

    /** As above, reading environment variables ({@code OMNIVAULT_MEMBER}) from {@code environment}. */
    public OmniVaultCli(
            CliPorts ports,
            Terminal terminal,
            PrintWriter out,
            PrintWriter err,
            Supplier<String> version,
            Function<String, @Nullable String> environment) {
        this(ports, terminal, out, err, version, environment, new NativeLauncher(java.util.Set.of()));
    }

    /** As above, {@code run} starting its programs with {@code launcher}. */
    public OmniVaultCli(
            CliPorts ports,
            Terminal terminal,
            PrintWriter out,
            PrintWriter err,
            Supplier<String> version,
            Function<String, @Nullable String> environment,
            Launcher launcher) {
        this.launcher = launcher;
        this.ports = ports;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
        this.version = version;
        this.environment = environment;
    }

    /** {@code run}'s exit code when it fails before the program starts (not a missing reference: 4). */
    static final int RUN_FAILED = 125;

    /** The environment variable that names the member a team vault's commands act as. */
    static final String MEMBER_VARIABLE = "OMNIVAULT_MEMBER";

    private static Option memberOption(String description) {
        return Option.value("--member", "NAME", description + " (default: $" + MEMBER_VARIABLE + ", else owner)");
    }

    /** The member {@code --member} or the environment names; empty for none (the owner). */
    private Optional<MemberName> member(Arguments arguments) {
        String given = arguments.value("--member", "");
        if (given.isEmpty()) {
            String fromEnvironment = environment.apply(MEMBER_VARIABLE);
            given = fromEnvironment == null ? "" : fromEnvironment.strip();
        }
        return given.isEmpty() ? Optional.empty() : Optional.of(new MemberName(given));
    }

    private static CommandSyntax command(String name, String summary) {
        return new CommandSyntax(name, List.of(), summary, List.of(), List.of());
    }

    private static CommandSyntax command(String name, String summary, List<Positional> positionals, Option... options) {
        return new CommandSyntax(name, List.of(), summary, positionals, List.of(options));
    }

    /** Whether {@code word} names one of the vault commands (or their aliases). */
    public static boolean isCommand(String word) {
        return named(word).isPresent();
    }

    private static Optional<CommandSyntax> named(String word) {
        return COMMANDS.stream().filter(command -> command.isCalled(word)).findFirst();
    }

    /** Runs one command line and returns its exit code. */
    public int run(String... args) {
        int code;
        try {
            code = dispatch(List.of(args));
        } catch (Launcher.LaunchFailedException cannotRun) {
            err.println("Error: " + cannotRun.getMessage());
            code = cannotRun.exitCode();
        } catch (Exception failure) {
            code = report(failure);
            boolean runFailedBeforeItsProgram = args.length > 0 && args[0].equals("run");
            if (runFailedBeforeItsProgram && code != ExitCode.NOT_FOUND.code()) {
                code = RUN_FAILED; // as env(1) does: the program's own statuses stay its own
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    private int dispatch(List<String> args) throws IOException {
        String word = args.isEmpty() ? "" : args.getFirst();
        if (word.equals(Completion.NAMES_COMMAND)) {
            return completeNames(args);
        }
        if (word.equals(Manual.COMMAND)) {
            out.print(Manual.roff(COMMANDS, version.get()));
            return 0;
        }
        CommandSyntax syntax = named(word)
                .orElseThrow(() -> new InvalidInputException("unknown command '" + word + "', see: omnivault help"));
        Arguments arguments = syntax.parse(args.subList(1, args.size()));
        current = arguments;
        if (arguments.help()) {
            out.print(syntax.help());
            return 0;
        }
        return switch (syntax.name()) {
            case "init" -> init();
            case "unlock" -> unlock(arguments);
            case "lock" -> lock();
            case "status" -> status(arguments);
            case "get" -> get(arguments);
            case "read" -> read(arguments);
            case "run" -> runProgram(arguments);
            case "inject" -> inject(arguments);
            case "generate" -> generate(arguments);
            case "edit" -> edit(arguments);
            case "mv", "cp" -> move(arguments, syntax.name().equals("cp"));
            case "find" -> find(arguments);
            case "set" -> set(arguments);
            case "list" -> list(arguments);
            case "delete" -> delete(arguments);
            case "change-password" -> changePassword(arguments);
            case "team" -> team(arguments);
            case "migrate" -> migrate(arguments);
            case "import" -> importSecrets(arguments);
            case "export" -> export(arguments);
            case "completion" -> completion(arguments);
            default -> throw new IllegalStateException("no handler for " + syntax.name());
        };
    }

    private int report(Exception failure) {
        String message = switch (failure) {
            case DaemonUnavailableException down -> NOT_RUNNING;
            case VaultException domain -> domain.getMessage();
            case VaultStoreException storage -> storage.getMessage();
            case IllegalStateException state -> String.valueOf(state.getMessage());
            case IOException io -> "could not read input: " + io.getMessage();
            default -> "internal error (" + failure.getClass().getSimpleName() + ")";
        };
        err.println("Error: " + message);
        err.flush();
        return failure instanceof DaemonUnavailableException
                ? ExitCode.DAEMON_NOT_RUNNING.code()
                : ExitCode.of(failure).code();
    }

    /**
     * A success line: as it is, as {@code {"success": true, "message": …}} with {@code --json}, or
     * nothing with {@code -q}.
     */
    private void done(String message) {
        if (current.flag("--json")) {
            printJson(Responses.success(message));
        } else if (!current.flag("--quiet")) {
            out.println(message);
        }
    }

    /** A password from a hidden prompt on a terminal, or the next line of stdin in a script. */
    private Passphrase password(String prompt) throws IOException {
        char[] chars = terminal.interactive() ? terminal.readHidden(prompt) : terminal.readSecretLine();
        return Passphrase.adopt(chars);
    }

    private DaemonStatus daemon() {
        return ports.status().daemonStatus();
    }

    private int init() throws IOException {
        if (daemon().vault().vaultExists()) {
            throw new VaultAlreadyExistsException();
        }
        try (Passphrase password = password("Enter master password (min 8 chars): ")) {
            password.requireStrongEnoughForNewVault("password");
            char[] confirmation = terminal.interactive()
                    ? terminal.readHidden("Confirm master password: ")
                    : terminal.readSecretLine();
            // A script may give the password once; a terminal always asks twice.
            boolean scriptGaveNoConfirmation = confirmation.length == 0 && !terminal.interactive();
            if (!scriptGaveNoConfirmation) {
                requireSame(confirmation, password);
            }
            ports.init().initialise(new InitVaultCommand(password, caller));
        }
        done("Vault initialized successfully!\nYour vault is now unlocked and ready to use.");
        return 0;
    }

    private int unlock(Arguments arguments) throws IOException {
        Optional<MemberName> member = member(arguments);
        DaemonStatus status = daemon();
        if (!status.vault().vaultExists()) {
            throw new VaultNotInitialisedException(NO_VAULT); // the Go original's words
        }
        if (!status.vault().locked()) {
            done("Vault is already unlocked");
            return 0;
        }
        String prompt = member.map(name -> "Enter " + name + "'s passphrase: ").orElse("Enter master password: ");
        try (Passphrase password = password(prompt)) {
            ports.unlock().unlock(new UnlockVaultCommand(password, member, caller));
        }
        done("Vault unlocked successfully!");
        return 0;
    }

    private int lock() {
        ports.lock().lock();
        done("Vault locked");
        return 0;
    }

    private int status(Arguments arguments) {
        boolean json = arguments.flag("--json");
        DaemonStatus status;
        try {
            status = daemon();
        } catch (DaemonUnavailableException down) {
            if (json) {
                printJson(Responses.notRunning());
            } else {
                out.println("Daemon: not running");
            }
            return 0;
        }
        String version = this.version.get();
        if (!status.version().equals(version)) {
            // An old daemon left running after an upgrade (SPEC §5): say so, on stderr.
            err.println("Warning: the daemon runs version " + status.version() + ", this CLI is " + version
                    + "; restart it with: omnivault daemon stop && omnivault daemon start");
        }
        if (json) {
            printJson(Responses.status(status.vault(), status.uptime(), status.version()));
            return 0;
        }
        out.println("Daemon: running");
        out.println("Uptime: " + GoDuration.format(status.uptime()));
        if (!status.vault().vaultExists()) {
            out.println("Vault: not initialized");
        } else if (status.vault().locked()) {
            out.println("Vault: locked");
        } else {
            out.println("Vault: unlocked");
            out.println("Secrets: " + status.vault().secretCount());
            status.vault()
                    .unlockedAt()
                    .ifPresent(at -> out.println("Unlocked at: "
                            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                    .format(at.atZone(ZoneId.systemDefault()))));
        }
        if (!status.vault().legacyBackups().isEmpty()) {
            out.println("Go vault backups: " + String.join(", ", status.vault().legacyBackups())
                    + " (they open with the password from before the migration)");
        }
        return 0;
    }

    private int read(Arguments arguments) {
        SecretReference reference = SecretReference.parse(arguments.positional(0, ""));
        List<SecretValue> values = ports.resolver().resolve(new ResolveReferencesQuery(List.of(reference), caller));
        try {
            if (arguments.flag("--json")) {
                printJson(Responses.generated(values.getFirst(), 0, false, false));
                return 0;
            }
            char[] chars = values.getFirst().revealChars();
            try {
                out.write(chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
            if (!arguments.flag("--no-newline")) {
                out.println();
            }
        } finally {
            values.forEach(SecretValue::close);
        }
        return 0;
    }

    private int runProgram(Arguments arguments) throws IOException {
        if (environment.apply(NativeLauncher.RUN_VARIABLE) != null) {
            throw new InvalidInputException("run: refused inside omnivault run (" + NativeLauncher.RUN_VARIABLE
                    + " is set): the program already has its secrets; start the inner one with what it needs");
        }
        List<String> command = arguments.positionals();
        if (!arguments.flag("--mask")) {
            launcher.prepare(); // links the exec while the daemon is asked for the values
        }
        // NAME -> a reference to resolve, or a plain value from --env-file; later sources win
        var references = new LinkedHashMap<String, SecretReference>();
        var plain = new LinkedHashMap<String, String>();
        String envFile = arguments.value("--env-file", "");
        if (!envFile.isEmpty()) {
            byte[] content = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(envFile));
            for (BulkFiles.DotenvLine line : BulkFiles.dotenvLines(new String(content, StandardCharsets.UTF_8))) {
                String name = variableName(line.key(), "--env-file line " + line.line());
                if (SecretReference.looksLikeOne(line.value())) {
                    references.put(name, SecretReference.parse(line.value()));
                } else {
                    plain.put(name, line.value());
                }
            }
        }
        String prefix = arguments.value("--prefix", "");
        if (!prefix.isEmpty()) {
            prefixed(prefix).forEach((name, reference) -> {
                plain.remove(name);
                references.put(name, reference);
            });
        }
        pairs(arguments.values("--env"), "--env").forEach((given, reference) -> {
            String name = variableName(given, "--env");
            if (!SecretReference.looksLikeOne(reference)) {
                throw new InvalidInputException(
                        "--env takes NAME=omnivault://PATH[#FIELD]; " + name + " is not given a reference");
            }
            plain.remove(name);
            references.put(name, SecretReference.parse(reference));
        });
        var variables = new java.util.ArrayList<Launcher.Variable>();
        try {
            plain.forEach((name, value) ->
                    variables.add(new Launcher.Variable(name, value.getBytes(StandardCharsets.UTF_8), false)));
            if (!references.isEmpty()) {
                List<SecretValue> values =
                        ports.resolver().resolve(new ResolveReferencesQuery(List.copyOf(references.values()), caller));
                try {
                    int at = 0;
                    for (String name : references.keySet()) {
                        variables.add(
                                new Launcher.Variable(name, values.get(at++).revealBytes(), true));
                    }
                } finally {
                    values.forEach(SecretValue::close);
                }
            }
            for (Launcher.Variable variable : variables) {
                for (byte b : variable.value()) {
                    if (b == 0) {
                        throw new InvalidInputException("run: the value for " + variable.name()
                                + " holds a NUL byte, which an environment variable cannot carry");
                    }
                }
            }
            out.flush();
            err.flush();
            return launcher.launch(new Launcher.Launch(command, variables, arguments.flag("--mask")));
        } finally {
            variables.forEach(Launcher.Variable::erase);
        }
    }

    private int inject(Arguments arguments) throws IOException {
        String input = arguments.value("--in-file", "-");
        String output = arguments.value("--out-file", "");
        boolean force = arguments.flag("--force");
        java.nio.file.Path target = output.isEmpty() ? null : java.nio.file.Path.of(output);
        if (target != null && !force && java.nio.file.Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("inject: " + output + " exists; --force replaces it");
        }
        byte[] text =
                input.equals("-") ? terminal.readAll() : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(input));
        var values = new java.util.HashMap<SecretReference, byte[]>();
        byte[] rendered = new byte[0];
        try {
            Template template = Template.parse(text);
            List<SecretReference> references = template.references();
            if (!references.isEmpty()) {
                List<SecretValue> resolved = ports.resolver().resolve(new ResolveReferencesQuery(references, caller));
                try {
                    for (int i = 0; i < references.size(); i++) {
                        values.put(references.get(i), resolved.get(i).revealBytes());
                    }
                } finally {
                    resolved.forEach(SecretValue::close);
                }
            }
            rendered = template.render(values);
            if (target == null) {
                printUtf8(rendered);
            } else {
                PrivateFile.write(target, rendered, force);
                done("Injected " + references.size() + " reference(s) into " + output);
            }
        } finally {
            Arrays.fill(text, (byte) 0);
            values.values().forEach(value -> Arrays.fill(value, (byte) 0));
            Arrays.fill(rendered, (byte) 0);
        }
        return 0;
    }

    /** Writes UTF-8 bytes as they are (no newline added), through the characters of stdout, zeroed after. */
    private void printUtf8(byte[] utf8) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        try {
            out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
            out.flush();
        } finally {
            Arrays.fill(chars.array(), '\0');
        }
    }

    /**
     * {@code --prefix P}: a reference to each secret directly under P (not in a folder below it),
     * named by its last segment upper-cased, each character not a letter or digit made {@code _}.
     */
    private Map<String, SecretReference> prefixed(String prefix) {
        String folder = prefix.endsWith("/") ? prefix : prefix + "/";
        var named = new LinkedHashMap<String, SecretReference>();
        var from = new java.util.HashMap<String, String>();
        for (SecretSummary secret : ports.list().list(new ListSecretsQuery(folder))) {
            String path = secret.path().value();
            if (!path.startsWith(folder) || path.indexOf('/', folder.length()) >= 0) {
                continue;
            }
            var name = new StringBuilder();
            path.substring(folder.length())
                    .codePoints()
                    .forEach(c -> name.append(
                            c < 128 && Character.isLetterOrDigit(c) ? (char) Character.toUpperCase(c) : '_'));
            if (Character.isDigit(name.charAt(0))) {
                name.insert(0, '_');
            }
            String earlier = from.put(name.toString(), path);
            if (earlier != null) {
                throw new InvalidInputException("--prefix: " + earlier + " and " + path + " would both be " + name
                        + "; give one of them with --env");
            }
            named.put(name.toString(), new SecretReference(SecretPath.of(path), Optional.empty()));
        }
        return named;
    }

    /** An environment variable's name as {@code run} takes one: a letter or {@code _}, then letters, digits, {@code _}. */
    private static String variableName(String name, String where) {
        if (name.equals(NativeLauncher.RUN_VARIABLE)) {
            throw new InvalidInputException(
                    where + ": " + name + " is omnivault run's own (the program gets " + name + "=1)");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidInputException(where + ": '" + name + "' is not a variable name (letters, digits and _,"
                    + " not starting with a digit)");
        }
        return name;
    }

    private int get(Arguments arguments) {
        String path = arguments.positional(0, "");
        String field = arguments.value("--field", "");
        boolean json = arguments.flag("--json");
        try (Secret secret = ports.get().get(new GetSecretQuery(SecretPath.of(path), caller))) {
            if (json) {
                printJson(Responses.secret(secret));
                return 0;
            }
            if (!field.isEmpty()) {
                SecretValue value = secret.fields().get(field);
                if (value == null) {
                    err.println("Error: field '" + field + "' not found");
                    return ExitCode.NOT_FOUND.code();
                }
                printValue("", value);
                return 0;
            }
            if (!secret.value().isEmpty()) {
                printValue("", secret.value());
            }
            secret.fields().forEach((name, value) -> printValue(name + ": ", value));
        }
        return 0;
    }

    /** Prints a value from its characters, zeroed afterwards: the value never becomes a String here. */
    private void printValue(String label, SecretValue value) {
        char[] chars = value.revealChars();
        try {
            out.print(label);
            out.write(chars);
            out.println();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Prints a JSON body the protocol wrote (UTF-8; it may hold values), then zeroes it and its characters. */
    private void printJson(byte[] utf8) {
        try {
            printUtf8(utf8);
            out.println();
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private int set(Arguments arguments) throws IOException {
        String path = arguments.positional(0, "");
        SecretPath secretPath = SecretPath.of(path);
        var fieldValues = new LinkedHashMap<String, SecretValue>();
        pairs(arguments.values("--field"), "--field")
                .forEach((name, text) -> fieldValues.put(name, SecretValue.ofText(text)));
        OptionalLong ifRevision = revision(arguments.value("--if-rev", ""));
        long stored;
        // set PATH "" stores an empty value (as the Go original does); no value at all reads one
        try (SecretValue secretValue =
                arguments.positionals().size() > 1 ? SecretValue.ofText(arguments.positional(1, "")) : readValue()) {
            stored = ports.put()
                    .put(new PutSecretCommand(
                            secretPath,
                            secretValue,
                            fieldValues,
                            pairs(arguments.values("--tag"), "--tag"),
                            ifRevision,
                            caller))
                    .revision();
        } finally {
            fieldValues.values().forEach(SecretValue::close);
        }
        // the Go original's line, and for a conditional write the revision to give the next one
        done("Secret '" + path + "' saved" + (ifRevision.isPresent() && stored > 0 ? " at revision " + stored : ""));
        return 0;
    }

    /** {@code --if-rev}'s revision: empty when not given, else a whole number from 0. */
    private static OptionalLong revision(String given) {
        if (given.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long revision = Long.parseLong(given);
            if (revision >= 0) {
                return OptionalLong.of(revision);
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new InvalidInputException("--if-rev takes a revision (a whole number from 0), not '" + given + "'");
    }

    private SecretValue readValue() throws IOException {
        if (terminal.interactive()) {
            char[] chars = terminal.readHidden("Enter secret value: ");
            ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[utf8.remaining()];
            utf8.get(bytes);
            try {
                return SecretValue.ofUtf8(bytes); // never a String: the typed value is zeroed in each buffer
            } finally {
                Arrays.fill(chars, '\0');
                Arrays.fill(bytes, (byte) 0);
                if (utf8.hasArray()) {
                    Arrays.fill(utf8.array(), (byte) 0);
                }
            }
        }
        byte[] all = terminal.readAll();
        int length = all.length;
        if (length > 0 && all[length - 1] == '\n') {
            length--;
            if (length > 0 && all[length - 1] == '\r') {
                length--;
            }
        }
        try {
            return SecretValue.ofUtf8(Arrays.copyOf(all, length));
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    private int list(Arguments arguments) {
        return printList(
                ports.list().list(new ListSecretsQuery(arguments.positional(0, ""))), arguments.flag("--json"));
    }

    private int find(Arguments arguments) {
        return printList(
                ports.list().list(new ListSecretsQuery("", arguments.positional(0, ""))), arguments.flag("--json"));
    }

    private int generate(Arguments arguments) {
        String path = arguments.positional(0, "");
        Optional<SecretPath> target = path.isEmpty() ? Optional.empty() : Optional.of(SecretPath.of(path));
        boolean print = arguments.flag("--print") || target.isEmpty();
        var recipe = new dev.omnivault.domain.PasswordRecipe(
                whole(arguments.value("--length", ""), "--length", dev.omnivault.domain.PasswordRecipe.DEFAULT_LENGTH),
                !arguments.flag("--no-symbols"),
                whole(arguments.value("--words", ""), "--words", 0));
        try (var generated = ports.generator()
                .generate(new dev.omnivault.application.port.in.GeneratePasswordCommand(
                        target, recipe, arguments.flag("--force"), print, caller))) {
            if (print && arguments.flag("--json")) {
                printJson(Responses.generated(generated.value(), 0, false, false));
            } else if (print) {
                printValue("", generated.value());
            }
        }
        if (target.isPresent() && print) {
            err.println("Secret '" + target.get() + "' saved"); // stdout holds the value alone
        } else {
            target.ifPresent(stored -> done("Secret '" + stored + "' saved"));
        }
        return 0;
    }

    private int edit(Arguments arguments) throws IOException {
        SecretPath path = SecretPath.of(arguments.positional(0, ""));
        long revision;
        byte[] form;
        try (Secret secret = ports.get().get(new GetSecretQuery(path, caller))) {
            revision = secret.revision();
            form = EditForm.write(secret.value(), secret.fields(), secret.tags());
        } catch (dev.omnivault.domain.SecretNotFoundException none) {
            revision = Secret.UNSTORED; // a new secret: saved only where there is still none
            form = EditForm.write(SecretValue.empty(), Map.of(), Map.of());
        }
        java.nio.file.Path folder = EditFiles.privateFolder(environment);
        java.nio.file.Path file = folder.resolve("secret.txt");
        Thread wipe = new Thread(() -> EditFiles.wipe(folder));
        Runtime.getRuntime().addShutdownHook(wipe);
        byte[] edited = new byte[0];
        try {
            EditFiles.writeNew(file, form);
            int status = launcher.edit(EditFiles.editor(environment), file);
            if (status != 0) {
                throw new InvalidInputException(
                        "edit: the editor exited with status " + status + "; nothing was saved");
            }
            edited = java.nio.file.Files.readAllBytes(file);
            if (Arrays.equals(edited, form)) {
                done("Secret '" + path + "' unchanged");
                return 0;
            }
            try (EditForm.Content content = EditForm.read(edited)) {
                ports.put()
                        .put(new PutSecretCommand(
                                path,
                                content.value(),
                                content.fields(),
                                content.tags(),
                                OptionalLong.of(revision),
                                caller));
            } catch (dev.omnivault.domain.RevisionConflictException changed) {
                throw new dev.omnivault.domain.RevisionConflictException("'" + path + "' was changed by someone else"
                        + " while you edited it; your edit was not saved (run edit again to see theirs)");
            }
            done("Secret '" + path + "' saved");
            return 0;
        } finally {
            EditFiles.wipe(folder);
            Runtime.getRuntime().removeShutdownHook(wipe);
            Arrays.fill(form, (byte) 0);
            Arrays.fill(edited, (byte) 0);
        }
    }

    /** A whole number option, or {@code fallback} when not given. */
    private static int whole(String given, String option, int fallback) {
        if (given.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(given);
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException(option + " takes a whole number, not '" + given + "'");
        }
    }

    private int move(Arguments arguments, boolean copy) {
        SecretPath from = SecretPath.of(arguments.positional(0, ""));
        SecretPath to = SecretPath.of(arguments.positional(1, ""));
        ports.mover()
                .move(new dev.omnivault.application.port.in.MoveSecretCommand(
                        from, to, copy, arguments.flag("--force"), caller));
        done("Secret '" + from + "' " + (copy ? "copied" : "moved") + " to '" + to + "'");
        return 0;
    }

    private int printList(List<SecretSummary> secrets, boolean json) {
        if (json) {
            printJson(Responses.list(secrets));
            return 0;
        }
        if (secrets.isEmpty()) {
            out.println("No secrets found");
            return 0;
        }
        for (SecretSummary secret : secrets) {
            String kind =
                    secret.hasValue() && secret.hasFields() ? " (value+fields)" : secret.hasFields() ? " (fields)" : "";
            String tagList = secret.tagNames().isEmpty() ? "" : " [" + String.join(", ", secret.tagNames()) + "]";
            out.println(secret.path() + kind + tagList);
        }
        out.println();
        out.println(secrets.size() + " secret(s)");
        return 0;
    }

    private int delete(Arguments arguments) throws IOException {
        String path = arguments.positional(0, "");
        boolean force = arguments.flag("--force");
        SecretPath secretPath = SecretPath.of(path);
        if (!force && !confirmed("Delete secret '" + path + "'? [y/N]: ", "delete")) {
            out.println("Cancelled");
            return 0;
        }
        ports.delete().delete(new DeleteSecretCommand(secretPath, caller));
        done("Secret '" + path + "' deleted");
        return 0;
    }

    private int changePassword(Arguments arguments) throws IOException {
        Optional<MemberName> member = member(arguments);
        try (Passphrase current = password("Enter current password: ");
                Passphrase replacement = password("Enter new password (min 8 chars): ")) {
            replacement.requireStrongEnoughForNewVault("new password");
            if (terminal.interactive()) {
                requireSame(terminal.readHidden("Confirm new password: "), replacement);
            }
            ports.changePassphrase()
                    .changePassphrase(new ChangePassphraseCommand(current, replacement, member, caller));
        }
        done("Password changed successfully!");
        List<String> backups = daemon().vault().legacyBackups();
        if (!backups.isEmpty()) {
            err.println("Note: " + String.join(" and ", backups) + " (the Go OmniVault vault from before the"
                    + " migration) still open with the old password; remove them with: omnivault migrate"
                    + " --forget-backups");
        }
        return 0;
    }

    private int team(Arguments arguments) throws IOException {
        String action = arguments.positional(0, "");
        String name = arguments.positional(1, "");
        boolean needsName = action.equals("add") || action.equals("remove");
        if (!needsName && !action.equals("list")) {
            throw new InvalidInputException("team: unknown action '" + action + "' (usage: omnivault team list,"
                    + " omnivault team add NAME, omnivault team remove NAME)");
        }
        if (needsName == name.isEmpty()) {
            throw new InvalidInputException(
                    needsName ? "team " + action + ": missing NAME" : "team list: unexpected argument '" + name + "'");
        }
        return switch (action) {
            case "add" -> addMember(new MemberName(name));
            case "remove" -> removeMember(new MemberName(name), arguments.flag("--force"));
            default -> listMembers(arguments.flag("--json"));
        };
    }

    private int listMembers(boolean json) {
        Team team = ports.team().members();
        if (json) {
            printJson(Responses.team(team));
            return 0;
        }
        for (MemberName member : team.members()) {
            out.println((member.equals(team.unlockedAs()) ? "* " : "  ") + member);
        }
        out.println();
        out.println(team.members().size() + " member(s); * is the one this daemon is unlocked as");
        return 0;
    }

    private int addMember(MemberName name) throws IOException {
        try (Passphrase password = password("Enter " + name + "'s first passphrase (min 8 chars): ")) {
            password.requireStrongEnoughForNewVault("the new member's password");
            char[] confirmation = terminal.interactive()
                    ? terminal.readHidden("Confirm " + name + "'s passphrase: ")
                    : terminal.readSecretLine();
            boolean scriptGaveNoConfirmation = confirmation.length == 0 && !terminal.interactive();
            if (!scriptGaveNoConfirmation) {
                requireSame(confirmation, password);
            } else {
                Arrays.fill(confirmation, '\0');
            }
            ports.team().add(new AddMemberCommand(name, password, caller));
        }
        done("Member '" + name + "' added: they unlock with omnivault unlock --member " + name);
        return 0;
    }

    private int removeMember(MemberName name, boolean force) throws IOException {
        if (!force && !confirmed("Remove member '" + name + "' and re-key the vault? [y/N]: ", "remove a member")) {
            out.println("Cancelled");
            return 0;
        }
        ports.team().remove(new RemoveMemberCommand(name, caller));
        done("Member '" + name + "' removed; the vault was re-keyed, so their passphrase opens nothing.");
        err.println("Note: values '" + name + "' could read are still known to them: rotate those secrets."
                + " Other daemons lock until their member unlocks again.");
        return 0;
    }

    private int migrate(Arguments arguments) {
        if (!arguments.flag("--forget-backups")) {
            throw new InvalidInputException("migrate: a Go OmniVault vault is migrated at its first unlock; the only"
                    + " thing left to do is --forget-backups (usage: omnivault migrate --forget-backups)");
        }
        List<String> removed = ports.forgetBackups().forgetLegacyBackups();
        done(removed.isEmpty() ? "No Go OmniVault backups to remove" : "Removed " + String.join(" and ", removed));
        return 0;
    }

    private int importSecrets(Arguments arguments) throws IOException {
        String source = arguments.positional(0, "");
        String format = arguments.value("--format", "");
        String prefix = arguments.value("--prefix", "");
        byte[] content = source.equals("-")
                ? terminal.readAll()
                : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(source));
        List<PutSecretCommand> secrets;
        try {
            secrets = BulkFiles.parse(content, format, prefix, caller);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        try {
            if (secrets.isEmpty()) {
                done("Nothing to import");
                return 0;
            }
            ImportResult result = ports.importer().importAll(new ImportSecretsCommand(secrets, caller));
            int total = result.created() + result.replaced();
            done("Imported " + total + " secret(s) (" + result.created() + " new, " + result.replaced() + " replaced)");
        } finally {
            BulkFiles.close(secrets);
        }
        return 0;
    }

    private int export(Arguments arguments) {
        String prefix = arguments.positional(0, "");
        boolean includeValues = arguments.flag("--include-values");
        List<Secret> secrets = ports.exporter().export(new ExportSecretsQuery(prefix, caller));
        try {
            printJson(Responses.export(secrets, includeValues));
        } finally {
            secrets.forEach(Secret::close);
        }
        return 0;
    }

    private int completion(Arguments arguments) {
        String shell = arguments.positional(0, "");
        switch (shell) {
            case "bash" -> out.print(Completion.bash(COMMANDS));
            case "zsh" -> out.print(Completion.zsh(COMMANDS));
            case "fish" -> out.print(Completion.fish(COMMANDS));
            default -> throw new InvalidInputException("completion is for bash, zsh or fish, not " + shell);
        }
        return 0;
    }

    /**
     * The completion scripts' hidden command: the names one level below {@code prefix} (a folder as
     * {@code name/}), from the daemon's index. Silent, and never a prompt, while it is locked or down.
     */
    private int completeNames(List<String> args) {
        String prefix = args.size() > 1 ? args.get(1) : "";
        var names = new java.util.TreeSet<String>();
        try {
            for (SecretSummary secret : ports.list().list(new ListSecretsQuery(prefix))) {
                String path = secret.path().value();
                int slash = path.indexOf('/', prefix.length());
                names.add(slash < 0 ? path : path.substring(0, slash + 1));
            }
        } catch (RuntimeException lockedOrDown) {
            return 0;
        }
        names.forEach(out::println);
        return 0;
    }

    /**
     * Whether the person at the terminal answers yes to {@code question}; without a terminal it
     * refuses to {@code what} at all (a script says --force).
     */
    private boolean confirmed(String question, String what) throws IOException {
        if (!terminal.interactive()) {
            throw new InvalidInputException("refusing to " + what + " without confirmation; use --force");
        }
        String answer = terminal.readLine(question).strip().toLowerCase(java.util.Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    /** Refuses a confirmation that differs from {@code passphrase}; both char copies are zeroed. */
    private static void requireSame(char[] confirmation, Passphrase passphrase) {
        char[] expected = passphrase.revealChars();
        try {
            if (!Arrays.equals(confirmation, expected)) {
                throw new InvalidInputException("passwords do not match");
            }
        } finally {
            Arrays.fill(confirmation, '\0');
            Arrays.fill(expected, '\0');
        }
    }

    /** {@code name=value} options; a missing '=' is a usage error. */
    private static Map<String, String> pairs(List<String> options, String option) {
        var pairs = new LinkedHashMap<String, String>();
        for (String pair : options) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(option + " takes name=value, not " + pair);
            }
            pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return pairs;
    }
}
