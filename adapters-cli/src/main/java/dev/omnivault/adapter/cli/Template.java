package dev.omnivault.adapter.cli;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.SecretReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code omnivault inject} reads: a text whose {@code {{ omnivault://PATH[#FIELD] }}} places
 * are replaced with what the reference names (spaces inside the braces are optional). Braces that
 * hold anything else ({@code {{ .Values.x }}} of another template language) are left as they are,
 * and so is every byte outside the places: the output is the template, byte for byte, but there.
 */
final class Template {

    private static final byte[] OPEN = {'{', '{'};
    private static final byte[] CLOSE = {'}', '}'};

    /** A place to fill: where it starts and ends in the template, and what it names. */
    private record Place(int start, int end, SecretReference reference) {}

    private final byte[] text;
    private final List<Place> places;

    private Template(byte[] text, List<Place> places) {
        this.text = text;
        this.places = places;
    }

    /** The template {@code text} (not copied: the caller zeroes it when done). */
    static Template parse(byte[] text) {
        var places = new ArrayList<Place>();
        int from = 0;
        while (true) {
            int open = indexOf(text, OPEN, from);
            if (open < 0) {
                break;
            }
            int close = indexOf(text, CLOSE, open + 2);
            if (close < 0) {
                break;
            }
            String inside = new String(text, open + 2, close - open - 2, StandardCharsets.UTF_8).strip();
            if (SecretReference.looksLikeOne(inside) && inside.indexOf('\n') < 0) {
                SecretReference reference;
                try {
                    reference = SecretReference.parse(inside);
                } catch (InvalidInputException bad) {
                    throw new InvalidInputException("line " + lineOf(text, open) + ": " + bad.getMessage());
                }
                places.add(new Place(open, close + 2, reference));
                from = close + 2;
            } else {
                from = open + 1;
            }
        }
        return new Template(text, places);
    }

    /** The references the template names, each once, in the order they first appear. */
    List<SecretReference> references() {
        var distinct = new LinkedHashSet<SecretReference>();
        places.forEach(place -> distinct.add(place.reference()));
        return List.copyOf(distinct);
    }

    /** The template with each place replaced by its reference's value ({@code values} holds them all); the caller zeroes it. */
    byte[] render(Map<SecretReference, byte[]> values) {
        var out = new ByteArrayOutputStream(text.length + 64);
        int at = 0;
        for (Place place : places) {
            out.write(text, at, place.start() - at);
            out.writeBytes(values.get(place.reference()));
            at = place.end();
        }
        out.write(text, at, text.length - at);
        byte[] rendered = out.toByteArray();
        // ByteArrayOutputStream keeps its own buffer: write zeroes over it before it is dropped
        out.reset();
        out.writeBytes(new byte[rendered.length]);
        return rendered;
    }

    private static int indexOf(byte[] text, byte[] what, int from) {
        outer:
        for (int i = from; i <= text.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (text[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lineOf(byte[] text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public String toString() {
        return "Template[" + places.size() + " places]";
    }

    /** Zeroes a rendered output. */
    static void erase(byte[] rendered) {
        Arrays.fill(rendered, (byte) 0);
    }
}
