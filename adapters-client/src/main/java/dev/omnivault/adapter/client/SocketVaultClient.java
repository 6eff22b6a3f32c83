package dev.omnivault.adapter.client;

import dev.omnivault.application.port.in.AddMemberCommand;
import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.DaemonStatusUseCase;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase;
import dev.omnivault.application.port.in.GeneratePasswordCommand;
import dev.omnivault.application.port.in.GeneratePasswordUseCase;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.ManageTeamUseCase;
import dev.omnivault.application.port.in.MoveSecretCommand;
import dev.omnivault.application.port.in.MoveSecretUseCase;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.PutSecretResult;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.RemoveMemberCommand;
import dev.omnivault.application.port.in.ResolveReferencesQuery;
import dev.omnivault.application.port.in.ResolveReferencesUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.Team;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.protocol.Answers;
import dev.omnivault.protocol.Requests;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's side of the API: every driving port implemented by one HTTP/1.1 exchange with the
 * daemon over its Unix socket or loopback TCP (a small, strict client codec: it only ever talks to our daemon).
 * Error codes come back as the same domain exceptions the daemon threw, so the CLI maps them as
 * if it ran the use cases itself. No daemon → {@link DaemonUnavailableException}.
 */
public final class SocketVaultClient
        implements DaemonStatusUseCase,
                VaultStatusUseCase,
                InitVaultUseCase,
                UnlockVaultUseCase,
                LockVaultUseCase,
                GetSecretUseCase,
                PutSecretUseCase,
                DeleteSecretUseCase,
                ListSecretsUseCase,
                ChangePassphraseUseCase,
                StopDaemonUseCase,
                ImportSecretsUseCase,
                ExportSecretsUseCase,
                ForgetLegacyBackupsUseCase,
                ManageTeamUseCase,
                ResolveReferencesUseCase,
                GeneratePasswordUseCase,
                MoveSecretUseCase {

    private static final AtomicBoolean PARSER_WARMED = new AtomicBoolean();

    private final Endpoint endpoint;

    private SocketVaultClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A client of the daemon listening on the Unix socket at {@code socket}. */
    public static SocketVaultClient overUnixSocket(Path socket) {
        return new SocketVaultClient(new UnixSocketEndpoint(socket));
    }

    /**
     * A client of the daemon listening on loopback TCP at {@code address}, sending the bearer
     * token read from {@code tokenFile} (600, written by the daemon) with every request.
     */
    public static SocketVaultClient overLoopbackTcp(InetSocketAddress address, Path tokenFile) {
        return new SocketVaultClient(new TcpEndpoint(address, tokenFile));
    }

    @Override
    public DaemonStatus daemonStatus() {
        return read(exchange("GET", "/status", null), Answers::status);
    }

    @Override
    public VaultStatus status() {
        return daemonStatus().vault();
    }

    @Override
    public void initialise(InitVaultCommand command) {
        accept(exchange("POST", "/init", Requests.password(command.passphrase())));
    }

    @Override
    public UnlockResult unlock(UnlockVaultCommand command) {
        String message = read(
                exchange("POST", "/unlock", Requests.unlock(command.passphrase(), command.member())), Answers::message);
        return "vault already unlocked".equals(message)
                ? new UnlockResult.AlreadyUnlocked()
                : new UnlockResult.Unlocked();
    }

    @Override
    public void lock() {
        accept(exchange("POST", "/lock", null));
    }

    @Override
    public Secret get(GetSecretQuery query) {
        return read(exchange("GET", secretTarget(query.path()), null), body -> Answers.secret(body, query.path()));
    }

    /**
     * {@code /secret/} and the path, percent-encoded but for its {@code /} separators and the
     * characters a URL path carries as they are, so the daemon decodes it back once (SPEC §3).
     */
    static String secretTarget(SecretPath path) {
        byte[] utf8 = path.value().getBytes(StandardCharsets.UTF_8);
        var target = new StringBuilder(SECRET_TARGET.length() + utf8.length * 3).append(SECRET_TARGET);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "/._@+=-~".indexOf(c) >= 0) {
                target.append((char) c);
            } else {
                target.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return target.toString();
    }

    private static final String SECRET_TARGET = "/secret/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * The API does not say whether a put created or replaced, so this client answers {@code
     * Created}, with the revision the daemon says (0 from one that says none).
     */
    @Override
    public PutSecretResult put(PutSecretCommand command) {
        long revision = read(
                exchange(
                        "PUT",
                        secretTarget(command.path()),
                        Requests.content(command.value(), command.fields(), command.tags(), command.ifRevision())),
                Answers::revision);
        return new PutSecretResult.Created(revision);
    }

    /** One request ({@code POST /import}), so one durable write in the daemon. */
    @Override
    public ImportResult importAll(ImportSecretsCommand command) {
        return read(exchange("POST", "/import", Requests.secrets(command.secrets())), Answers::imported);
    }

    /** {@code GET /export?values=true}: the values come along; the caller decides whether to show them. */
    @Override
    public List<Secret> export(ExportSecretsQuery query) {
        String target = "/export?values=true"
                + (query.prefix().isEmpty()
                        ? ""
                        : "&prefix=" + URLEncoder.encode(query.prefix(), StandardCharsets.UTF_8));
        return read(exchange("GET", target, null), Answers::exported);
    }

    @Override
    public void delete(DeleteSecretCommand command) {
        accept(exchange("DELETE", secretTarget(command.path()), null));
    }

    @Override
    public List<SecretSummary> list(ListSecretsQuery query) {
        var parameters = new ArrayList<String>(2);
        if (!query.prefix().isEmpty()) {
            parameters.add("prefix=" + URLEncoder.encode(query.prefix(), StandardCharsets.UTF_8));
        }
        if (!query.containing().isEmpty()) {
            parameters.add("find=" + URLEncoder.encode(query.containing(), StandardCharsets.UTF_8));
        }
        String target = parameters.isEmpty() ? "/secrets" : "/secrets?" + String.join("&", parameters);
        return read(exchange("GET", target, null), Answers::summaries);
    }

    @Override
    public void changePassphrase(ChangePassphraseCommand command) {
        accept(exchange(
                "POST",
                "/change-password",
                Requests.passwordChange(command.current(), command.replacement(), command.member())));
    }

    @Override
    public List<SecretValue> resolve(ResolveReferencesQuery query) {
        return read(exchange("POST", "/resolve", Requests.references(query.references())), Answers::resolved);
    }

    @Override
    public Generated generate(GeneratePasswordCommand command) {
        byte[] body = Requests.generation(
                new Requests.Generation(command.path(), command.recipe(), command.force(), command.reveal()));
        return read(exchange("POST", "/generate", body), answer -> {
            long revision = command.path().isPresent() ? Answers.revision(answer) : 0;
            return new Generated(Answers.generated(answer), revision);
        });
    }

    @Override
    public long move(MoveSecretCommand command) {
        return read(
                exchange(
                        "POST",
                        command.copy() ? "/copy" : "/move",
                        Requests.move(command.from(), command.to(), command.force())),
                Answers::revision);
    }

    @Override
    public Team members() {
        return read(exchange("GET", "/team", null), Answers::team);
    }

    @Override
    public void add(AddMemberCommand command) {
        accept(exchange("POST", "/team/add", Requests.newMember(command.name(), command.passphrase())));
    }

    @Override
    public void remove(RemoveMemberCommand command) {
        accept(exchange("POST", "/team/remove", Requests.memberName(command.name())));
    }

    @Override
    public void stop() {
        accept(exchange("POST", "/stop", null));
    }

    @Override
    public List<String> forgetLegacyBackups() {
        return read(exchange("POST", "/forget-backups", null), Answers::removed);
    }

    /** What {@code reader} makes of a 200 answer's body, which is zeroed afterwards (it may hold values). */
    static <T> T read(byte[] body, Function<byte[], T> reader) {
        try {
            return reader.apply(body);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /** A 200 answer whose content is not needed: it must still be one of the API; then it is zeroed. */
    private static void accept(byte[] body) {
        read(body, Answers::malformation).ifPresent(malformed -> {
            throw new IllegalStateException(malformed);
        });
    }

    /**
     * Sends one request ({@code body}, a JSON object the protocol wrote, or none) and returns the
     * body of a 200 answer, which the caller zeroes; any other answer becomes its exception.
     */
    private byte[] exchange(String method, String target, byte @Nullable [] body) {
        byte[] content = body == null ? new byte[0] : body;
        byte[] credentials = new byte[0];
        byte[] request = new byte[0];
        warmUpParserOnce();
        try {
            credentials = endpoint.credentials();
            try (Connection connection = endpoint.connect()) {
                endpoint.authenticate(connection);
                byte[] start = (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] end = ((body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: "
                                + content.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                // One write: the daemon may answer and close as soon as the request is complete, so
                // nothing (not even an empty body) may be written after the last byte it expects.
                request = concat(start, credentials, end, content);
                connection.send(request);
                return HttpAnswer.body(connection.receiveAll());
            }
        } catch (IOException broken) {
            throw new IllegalStateException("the daemon connection failed: " + broken.getMessage());
        } finally {
            // The body held a password or a value, the header the token: wipe them once sent.
            Arrays.fill(content, (byte) 0);
            Arrays.fill(credentials, (byte) 0);
            Arrays.fill(request, (byte) 0);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    /**
     * A CLI call's first parse sets up Jackson's parser and, under it, the JDK's BigInteger and
     * BigDecimal (~20 ms of class initialisation on these machines, before any answer is read).
     * It is done once per JVM on a second thread, while this one connects and waits for the
     * daemon; whichever thread needs a class first initialises it, the other waits.
     */
    private static void warmUpParserOnce() {
        if (PARSER_WARMED.compareAndSet(false, true)) {
            Thread.ofPlatform()
                    .daemon()
                    .name("omnivault-json-warm-up")
                    .start(() ->
                            Answers.malformation("{\"warm\":[1,2.5,true,null]}".getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
