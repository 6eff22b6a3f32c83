package dev.omnivault.application.port.in;

import java.time.Duration;

/** A running daemon as a client sees it. */
public record DaemonStatus(VaultStatus vault, Duration uptime, String version) {}
