package dev.omnivault.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product's modules as the reactor lists them (the parent pom's {@code <modules>}, each
 * module's {@code module-info.java}), so that a module added to the build is checked by every
 * rule without anyone typing its name here.
 */
final class Reactor {

    /** Modules of the build that are not the product: they check or attack it. */
    static final Set<String> NOT_PRODUCT = Set.of("dev.omnivault.architecture", "dev.omnivault.torture");

    private static final Pattern MODULE_ENTRY = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern MODULE_NAME = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");

    private Reactor() {}

    /** Every product module's name, in the reactor's order. */
    static List<String> productModules() {
        Path root = root();
        var names = new ArrayList<String>();
        for (String directory : entries(root.resolve("pom.xml"))) {
            Path descriptor = root.resolve(directory).resolve("src/main/java/module-info.java");
            if (!Files.exists(descriptor)) {
                throw new AssertionError("reactor module " + directory + " has no module-info.java");
            }
            String name = moduleName(descriptor);
            if (!NOT_PRODUCT.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new AssertionError("no product module found in " + root.resolve("pom.xml"));
        }
        return names;
    }

    /** The product's adapter modules (named {@code dev.omnivault.adapter.*}). */
    static List<String> adapterModules() {
        return productModules().stream()
                .filter(name -> name.startsWith("dev.omnivault.adapter."))
                .toList();
    }

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("architecture-tests"))) {
                return dir;
            }
        }
        throw new AssertionError("no reactor root above " + here);
    }

    private static List<String> entries(Path pom) {
        Matcher matcher = MODULE_ENTRY.matcher(read(pom));
        var entries = new ArrayList<String>();
        while (matcher.find()) {
            entries.add(matcher.group(1).trim());
        }
        return entries;
    }

    private static String moduleName(Path descriptor) {
        String text = read(descriptor).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Matcher matcher = MODULE_NAME.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no module declaration in " + descriptor);
        }
        return matcher.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
