package dev.omnivault.torture;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/** Just enough JSON to judge the daemon's answers: well-formed or not, and top-level scalars. */
final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {}

    /** The top-level scalar members of a well-formed JSON object, or null when it is not one. */
    static @Nullable Map<String, String> object(String text) {
        var members = new HashMap<String, String>();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int depth = 1;
            String name = "";
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case PROPERTY_NAME -> name = parser.currentName();
                    default -> {
                        if (depth == 1) {
                            members.put(name, parser.getString());
                        }
                    }
                }
                if (depth == 0) {
                    return parser.nextToken() == null ? members : null;
                }
            }
            return null;
        } catch (StreamReadException malformed) {
            return null;
        }
    }

    /** One top-level scalar member of a JSON object, or "" when it is absent or the text is not one. */
    static String member(String text, String name) {
        Map<String, String> members = object(text);
        return members == null ? "" : members.getOrDefault(name, "");
    }

    /** A JSON string literal for {@code text}. */
    static String quote(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
