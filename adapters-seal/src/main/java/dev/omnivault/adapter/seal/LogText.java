package dev.omnivault.adapter.seal;

/** Text from a file made safe for one log line: quoted, with every control character escaped. */
final class LogText {

    private LogText() {}

    /** {@code text} in double quotes; {@code "}, {@code \}, and control or line-separating characters escaped. */
    static String quoted(String text) {
        var out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)
                            || c == 0x2028
                            || c == 0x2029
                            || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
