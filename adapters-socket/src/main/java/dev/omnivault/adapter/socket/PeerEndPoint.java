package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/** A connection's end point that remembers who is on the other side (SO_PEERCRED at accept). */
final class PeerEndPoint extends SocketChannelEndPoint {

    private final Caller peer;

    PeerEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler, Caller peer) {
        super(channel, selector, key, scheduler);
        this.peer = peer;
    }

    Caller peer() {
        return peer;
    }
}
