package dev.omnivault.application.port.in;

/**
 * Which secrets to export (by path prefix, as plain text; empty for all), and for whom. The prefix
 * obeys the rules of a listing's prefix.
 */
public record ExportSecretsQuery(String prefix, Caller caller) {

    public ExportSecretsQuery {
        ListSecretsQuery.checkPrefix(prefix);
    }
}
