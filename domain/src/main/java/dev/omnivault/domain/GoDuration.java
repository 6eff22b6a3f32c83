package dev.omnivault.domain;

import java.time.Duration;

/** Formats and parses durations the way Go's {@code time.Duration} does ("1h2m3s", "90s", "0s"). */
public final class GoDuration {

    private GoDuration() {}

    /** Whole seconds, as Go prints {@code d.Round(time.Second)}. */
    public static String format(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + rest + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + rest + "s";
        }
        return rest + "s";
    }

    /**
     * Parses a Go duration of hours, minutes, seconds and milliseconds ({@code 90s}, {@code 15m},
     * {@code 1h30m}, {@code 500ms}); a bare {@code 0} is zero.
     *
     * @throws IllegalArgumentException naming the text when it is not one
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|h|m|s)").matcher(trimmed);
        Duration total = Duration.ZERO;
        int at = 0;
        while (matcher.find() && matcher.start() == at) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(
                    switch (matcher.group(2)) {
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        default -> Duration.ofMillis(amount);
                    });
            at = matcher.end();
        }
        if (at == 0 || at != trimmed.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 90s, 15m, 1h30m, 0)");
        }
        return total;
    }
}
