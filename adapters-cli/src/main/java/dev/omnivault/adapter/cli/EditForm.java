package dev.omnivault.adapter.cli;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain text {@code omnivault edit} puts in the editor (README, "Everyday workflows"): the
 * value, whole, multi-line included; then the line {@link #SEPARATOR}; then one line per field
 * ({@code field NAME=VALUE}) and per tag ({@code tag NAME=VALUE}), {@code \n} and {@code \\}
 * escaped in their values; blank lines and lines starting with {@code #} below the separator are
 * skipped. The value is what comes before the last separator line, less the one newline that ends
 * it. The caller zeroes every array it gets.
 */
final class EditForm {

    static final String SEPARATOR = "### omnivault: fields and tags below (field NAME=VALUE, tag NAME=VALUE) ###";
    private static final byte[] SEPARATOR_LINE = ("\n" + SEPARATOR + "\n").getBytes(StandardCharsets.UTF_8);

    /** What the form holds: the value and the fields (zeroed by {@link #close()}), and the tags. */
    record Content(SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags)
            implements AutoCloseable {
        @Override
        public void close() {
            value.close();
            fields.values().forEach(SecretValue::close);
        }
    }

    private EditForm() {}

    static byte[] write(SecretValue value, Map<String, SecretValue> fields, Map<String, String> tags) {
        var out = new ByteArrayOutputStream();
        byte[] bytes = value.revealBytes();
        out.writeBytes(bytes);
        Arrays.fill(bytes, (byte) 0);
        out.writeBytes(SEPARATOR_LINE);
        fields.forEach((name, field) -> {
            out.writeBytes(("field " + name + "=").getBytes(StandardCharsets.UTF_8));
            byte[] escaped = escape(field.revealBytes());
            out.writeBytes(escaped);
            Arrays.fill(escaped, (byte) 0);
            out.write('\n');
        });
        tags.forEach((name, tag) -> out.writeBytes(("tag " + name + "="
                        + new String(escape(tag.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        byte[] form = out.toByteArray();
        out.reset();
        out.writeBytes(new byte[form.length]); // over the stream's own buffer
        return form;
    }

    static Content read(byte[] form) {
        // the value is what comes before the last separator line
        int separator = lastIndexOf(form, SEPARATOR_LINE);
        int valueEnd;
        int rest;
        if (separator >= 0) {
            valueEnd = separator;
            rest = separator + SEPARATOR_LINE.length;
        } else if (startsWith(form, SEPARATOR_LINE, 1)) { // an empty value: the form starts with the separator
            valueEnd = 0;
            rest = SEPARATOR_LINE.length - 1;
        } else if (endsWithSeparator(form)) { // the editor dropped the newline after it, and nothing is below
            valueEnd = form.length - SEPARATOR_LINE.length + 1;
            rest = form.length;
        } else {
            throw new InvalidInputException("edit: the line '" + SEPARATOR + "' is gone, so the value's end is not"
                    + " known; nothing was saved");
        }
        byte[] valueBytes = Arrays.copyOfRange(form, 0, valueEnd);
        SecretValue value = SecretValue.ofUtf8(valueBytes);
        Arrays.fill(valueBytes, (byte) 0);
        var fields = new LinkedHashMap<String, SecretValue>();
        var tags = new LinkedHashMap<String, String>();
        try {
            int lineStart = rest;
            while (lineStart < form.length) {
                int lineEnd = lineStart;
                while (lineEnd < form.length && form[lineEnd] != '\n') {
                    lineEnd++;
                }
                readLine(form, lineStart, lineEnd, fields, tags);
                lineStart = lineEnd + 1;
            }
            return new Content(value, fields, tags);
        } catch (RuntimeException invalid) {
            value.close();
            fields.values().forEach(SecretValue::close);
            throw invalid;
        }
    }

    private static final byte[] FIELD = "field ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG = "tag ".getBytes(StandardCharsets.US_ASCII);

    /** One line below the separator, from {@code start} to {@code end}; a field's value never becomes a String. */
    private static void readLine(
            byte[] form, int start, int end, Map<String, SecretValue> fields, Map<String, String> tags) {
        int length = end - start;
        if (isBlank(form, start, end) || form[start] == '#') {
            return;
        }
        boolean field = length >= FIELD.length && startsWith(form, FIELD, 0, start);
        boolean tag = !field && length >= TAG.length && startsWith(form, TAG, 0, start);
        int equals = -1;
        for (int i = start; i < end; i++) {
            if (form[i] == '=') {
                equals = i;
                break;
            }
        }
        int nameStart = start + (field ? FIELD.length : TAG.length);
        if (!field && !tag || equals <= nameStart) {
            String shown = new String(form, start, (equals < 0 ? end : equals) - start, StandardCharsets.UTF_8);
            throw new InvalidInputException("edit: below the separator, a line is 'field NAME=VALUE' or 'tag"
                    + " NAME=VALUE', not '" + shown + (equals < 0 ? "'" : "=…'"));
        }
        String name = new String(form, nameStart, equals - nameStart, StandardCharsets.UTF_8).strip();
        byte[] unescaped = unescape(Arrays.copyOfRange(form, equals + 1, end));
        try {
            if (field) {
                if (fields.containsKey(name)) {
                    throw new InvalidInputException("edit: the field '" + name + "' is given twice");
                }
                fields.put(name, SecretValue.ofUtf8(unescaped));
            } else if (tags.put(name, new String(unescaped, StandardCharsets.UTF_8)) != null) {
                throw new InvalidInputException("edit: the tag '" + name + "' is given twice");
            }
        } finally {
            Arrays.fill(unescaped, (byte) 0);
        }
    }

    private static boolean isBlank(byte[] form, int start, int end) {
        for (int i = start; i < end; i++) {
            if (form[i] != ' ' && form[i] != '\t' && form[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithSeparator(byte[] form) {
        int length = SEPARATOR_LINE.length - 1; // "\n" + SEPARATOR, no newline after
        return form.length >= length
                && startsWith(form, Arrays.copyOf(SEPARATOR_LINE, length), 0, form.length - length);
    }

    private static byte[] escape(byte[] raw) {
        var out = new ByteArrayOutputStream(raw.length + 8);
        for (byte b : raw) {
            if (b == '\\') {
                out.write('\\');
                out.write('\\');
            } else if (b == '\n') {
                out.write('\\');
                out.write('n');
            } else {
                out.write(b);
            }
        }
        Arrays.fill(raw, (byte) 0);
        return out.toByteArray();
    }

    private static byte[] unescape(byte[] escaped) {
        var out = new ByteArrayOutputStream(escaped.length);
        for (int i = 0; i < escaped.length; i++) {
            if (escaped[i] == '\\' && i + 1 < escaped.length) {
                byte next = escaped[++i];
                out.write(next == 'n' ? '\n' : next);
            } else {
                out.write(escaped[i]);
            }
        }
        Arrays.fill(escaped, (byte) 0);
        return out.toByteArray();
    }

    private static int lastIndexOf(byte[] text, byte[] what) {
        for (int i = text.length - what.length; i >= 0; i--) {
            if (startsWith(text, what, 0, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text} starts with {@code what} less its first {@code skip} bytes. */
    private static boolean startsWith(byte[] text, byte[] what, int skip) {
        return text.length >= what.length - skip && startsWith(text, what, skip, 0);
    }

    private static boolean startsWith(byte[] text, byte[] what, int skip, int at) {
        for (int j = skip; j < what.length; j++) {
            if (text[at + j - skip] != what[j]) {
                return false;
            }
        }
        return true;
    }
}
