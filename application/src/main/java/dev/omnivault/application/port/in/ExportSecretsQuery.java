package dev.omnivault.application.port.in;

/** Which secrets to export (by path prefix, as plain text; empty for all), and for whom. */
public record ExportSecretsQuery(String prefix, Caller caller) {}
