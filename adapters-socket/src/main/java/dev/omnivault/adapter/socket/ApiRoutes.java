package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.AddMemberCommand;
import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.GeneratePasswordCommand;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.MoveSecretCommand;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.RemoveMemberCommand;
import dev.omnivault.application.port.in.ResolveReferencesQuery;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.protocol.ErrorCode;
import dev.omnivault.protocol.Requests;
import dev.omnivault.protocol.Responses;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;

/**
 * The route table of SPEC §3: each endpoint (a path and a method) to the one handler that
 * reads its request, calls its use case and writes its answer. A path it does not know is a
 * 404, a method its path does not take a 405.
 */
final class ApiRoutes {

    static final String SECRET_PREFIX = "/secret/";

    /** One endpoint: the answer's body (zeroed by the caller once sent). */
    @FunctionalInterface
    interface Endpoint {
        byte[] answer(Request request, Caller caller) throws IOException;
    }

    /** One endpoint of {@code /secret/:path}, the path decoded once. */
    @FunctionalInterface
    interface SecretEndpoint {
        byte[] answer(Request request, SecretPath path, Caller caller) throws IOException;
    }

    private final DaemonApi api;
    private final String version;
    private final InstantSource clock;
    private final Instant startedAt;
    private final Map<String, Map<String, Endpoint>> byPath;
    private final Map<String, SecretEndpoint> secret;

    ApiRoutes(DaemonApi api, String version, InstantSource clock) {
        this.api = api;
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.byPath = Map.ofEntries(
                Map.entry("/status", Map.of("GET", this::status)),
                Map.entry("/init", Map.of("POST", this::init)),
                Map.entry("/unlock", Map.of("POST", this::unlock)),
                Map.entry("/lock", Map.of("POST", this::lock)),
                Map.entry("/secrets", Map.of("GET", this::list)),
                Map.entry("/change-password", Map.of("POST", this::changePassword)),
                Map.entry("/password", Map.of("POST", this::changePassword)),
                Map.entry("/import", Map.of("POST", this::importAll)),
                Map.entry("/export", Map.of("GET", this::export)),
                Map.entry("/forget-backups", Map.of("POST", this::forgetBackups)),
                Map.entry("/resolve", Map.of("POST", this::resolve)),
                Map.entry("/generate", Map.of("POST", this::generate)),
                Map.entry("/move", Map.of("POST", (request, caller) -> move(request, caller, false))),
                Map.entry("/copy", Map.of("POST", (request, caller) -> move(request, caller, true))),
                Map.entry("/team", Map.of("GET", this::team)),
                Map.entry("/team/add", Map.of("POST", this::addMember)),
                Map.entry("/team/remove", Map.of("POST", this::removeMember)),
                Map.entry("/stop", Map.of("POST", this::stop)));
        this.secret = Map.of("GET", this::getSecret, "PUT", this::putSecret, "DELETE", this::deleteSecret);
    }

    /** The answer of the endpoint at {@code path} for {@code method}. */
    byte[] answer(Request request, String path, String method, Caller caller) throws IOException {
        if (path.startsWith(SECRET_PREFIX)) {
            SecretPath secretPath = SecretPath.of(PercentDecoding.decodeOnce(path.substring(SECRET_PREFIX.length())));
            SecretEndpoint endpoint = secret.get(method);
            if (endpoint == null) {
                throw methodNotAllowed();
            }
            return endpoint.answer(request, secretPath, caller);
        }
        Map<String, Endpoint> methods = byPath.get(path);
        if (methods == null) {
            throw new HttpProblem(404, ErrorCode.NOT_FOUND, "no such endpoint");
        }
        Endpoint endpoint = methods.get(method);
        if (endpoint == null) {
            throw methodNotAllowed();
        }
        return endpoint.answer(request, caller);
    }

    static HttpProblem methodNotAllowed() {
        return new HttpProblem(405, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed");
    }

    private byte[] getSecret(Request request, SecretPath path, Caller caller) {
        try (Secret found = api.get().get(new GetSecretQuery(path, caller))) {
            return Responses.secret(found);
        }
    }

    private byte[] putSecret(Request request, SecretPath path, Caller caller) throws IOException {
        try (var content = ApiHandler.parseBody(request, ApiHandler.MAX_SECRET_BODY_BYTES, Requests::content)) {
            var stored = api.put()
                    .put(new PutSecretCommand(
                            path, content.value(), content.fields(), content.tags(), content.ifRevision(), caller));
            return Responses.stored(stored.revision());
        }
    }

    private byte[] deleteSecret(Request request, SecretPath path, Caller caller) {
        api.delete().delete(new DeleteSecretCommand(path, caller));
        return Responses.success("secret deleted");
    }

    private byte[] status(Request request, Caller caller) {
        return Responses.status(api.status().status(), Duration.between(startedAt, clock.instant()), version);
    }

    private byte[] init(Request request, Caller caller) throws IOException {
        try (Passphrase passphrase = ApiHandler.parseBody(request, Requests::password)) {
            api.init().initialise(new InitVaultCommand(passphrase, caller));
        }
        return Responses.success("vault initialized");
    }

    private byte[] unlock(Request request, Caller caller) throws IOException {
        try (var unlocking = ApiHandler.parseBody(request, Requests::unlock)) {
            return switch (api.unlock()
                    .unlock(new UnlockVaultCommand(unlocking.passphrase(), unlocking.member(), caller))) {
                case UnlockResult.Unlocked u -> Responses.success("vault unlocked");
                case UnlockResult.AlreadyUnlocked a -> Responses.success("vault already unlocked");
            };
        }
    }

    private byte[] lock(Request request, Caller caller) {
        api.lock().lock();
        return Responses.success("vault locked");
    }

    private byte[] list(Request request, Caller caller) {
        String prefix = ApiHandler.queryParameter(request, "prefix");
        String find = ApiHandler.queryParameter(request, "find");
        return Responses.list(
                api.list().list(new ListSecretsQuery(prefix == null ? "" : prefix, find == null ? "" : find)));
    }

    private byte[] changePassword(Request request, Caller caller) throws IOException {
        try (var change = ApiHandler.parseBody(request, Requests::passwordChange)) {
            api.changePassphrase()
                    .changePassphrase(new ChangePassphraseCommand(
                            change.current(), change.replacement(), change.member(), caller));
        }
        return Responses.success("password changed");
    }

    private byte[] importAll(Request request, Caller caller) throws IOException {
        byte[] raw = ApiHandler.readBody(request, ApiHandler.MAX_IMPORT_BYTES);
        try (var imported = Requests.secrets(raw)) {
            Arrays.fill(raw, (byte) 0);
            ImportResult result = api.importer().importAll(new ImportSecretsCommand(imported.commands(caller), caller));
            return Responses.imported(result.created(), result.replaced());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private byte[] export(Request request, Caller caller) {
        String prefix = ApiHandler.queryParameter(request, "prefix");
        String values = ApiHandler.queryParameter(request, "values");
        boolean withValues = "true".equals(values);
        if (values != null && !withValues && !"false".equals(values)) {
            throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "values must be true or false");
        }
        List<Secret> secrets = api.exporter().export(new ExportSecretsQuery(prefix == null ? "" : prefix, caller));
        try {
            return Responses.export(secrets, withValues);
        } finally {
            secrets.forEach(Secret::close);
        }
    }

    private byte[] forgetBackups(Request request, Caller caller) {
        return Responses.backupsRemoved(api.forgetBackups().forgetLegacyBackups());
    }

    private byte[] resolve(Request request, Caller caller) throws IOException {
        var references = ApiHandler.parseBody(request, Requests::references);
        List<dev.omnivault.domain.SecretValue> values =
                api.resolver().resolve(new ResolveReferencesQuery(references, caller));
        try {
            return Responses.resolved(values);
        } finally {
            values.forEach(dev.omnivault.domain.SecretValue::close);
        }
    }

    private byte[] generate(Request request, Caller caller) throws IOException {
        var generation = ApiHandler.parseBody(request, Requests::generation);
        try (var generated = api.generator()
                .generate(new GeneratePasswordCommand(
                        generation.path(), generation.recipe(), generation.force(), generation.reveal(), caller))) {
            return Responses.generated(
                    generated.value(), generated.revision(), generation.path().isPresent(), generation.reveal());
        }
    }

    private byte[] move(Request request, Caller caller, boolean copy) throws IOException {
        var move = ApiHandler.parseBody(request, Requests::move);
        return Responses.stored(
                api.mover().move(new MoveSecretCommand(move.from(), move.to(), copy, move.force(), caller)));
    }

    private byte[] team(Request request, Caller caller) {
        return Responses.team(api.team().members());
    }

    private byte[] addMember(Request request, Caller caller) throws IOException {
        try (var member = ApiHandler.parseBody(request, Requests::newMember)) {
            api.team().add(new AddMemberCommand(member.name(), member.passphrase(), caller));
            return Responses.success("member '" + member.name() + "' added");
        }
    }

    private byte[] removeMember(Request request, Caller caller) throws IOException {
        MemberName name = ApiHandler.parseBody(request, Requests::memberName);
        api.team().remove(new RemoveMemberCommand(name, caller));
        return Responses.success("member '" + name + "' removed; the vault was re-keyed for the others");
    }

    private byte[] stop(Request request, Caller caller) {
        api.stop().stop();
        return Responses.success("daemon stopping");
    }
}
