import org.jspecify.annotations.NullMarked;

/**
 * The daemon's HTTP/JSON edge: Jetty 12 serving SPEC §3 over the JDK's Unix-domain socket channels,
 * with each connection's peer credentials checked, and the daemon's audit log.
 */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.socket {
    requires dev.omnivault.application;
    requires dev.omnivault.protocol;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires org.newsclub.net.unix;
    requires com.kohlschutter.junixsocket.nativecommon;
    requires tools.jackson.core;
    requires org.slf4j;
    requires jdk.security.auth;
    requires jdk.net; // SO_PEERCRED on the JDK's Unix-domain channels
    requires java.management; // the heap's old generation, before a large body is read (HeapHeadroom)
    requires static org.jspecify;

    exports dev.omnivault.adapter.socket to
            dev.omnivault.bootstrap;
}
