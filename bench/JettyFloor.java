import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.ObjectMapper;

/**
 * The floor of the daemon's own libraries, for bin/bench's jetty part: the Jetty server the daemon
 * uses, on a Unix socket (Jetty's own connector), answering every request with a small JSON body,
 * and no OmniVault code at all. {@code JettyFloor SOCKET plain|json [EXIT_AFTER_MS]}: with
 * {@code json}, each body is read and the answer written by Jackson databind, as the daemon's are;
 * with an exit time, it ends by itself then (an AOT cache is written at a normal exit only).
 */
public final class JettyFloor {

    private JettyFloor() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = args[1].equals("json") ? new ObjectMapper() : null;
        byte[] fixed = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
        Server server = new Server();
        var connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(Path.of(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = fixed;
                if (mapper != null) {
                    Map<?, ?> in = request.getLength() > 0
                            ? mapper.readValue(Content.Source.asInputStream(request), Map.class)
                            : Map.of();
                    body = mapper.writeValueAsBytes(
                            Map.of("success", true, "path", request.getHttpURI().getPath(), "fields", in.size()));
                }
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        if (args.length > 2) {
            Thread.sleep(Long.parseLong(args[2]));
            System.exit(0);
        }
        server.join();
    }
}
