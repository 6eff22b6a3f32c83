package dev.omnivault.adapter.seal.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class path on which a test starts a child JVM that runs {@code main}: everything this test JVM sees. */
public final class ChildClassPath {

    private ChildClassPath() {}

    public static String of(Class<?> main) {
        var entries = new ArrayList<String>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                entries.add(value);
            }
        }
        // Under surefire the test classes are patched into the module; their folder is on neither path.
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        try {
            entries.add(Path.of(main.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        } catch (URISyntaxException | RuntimeException unknownLocation) {
            // The folder above is enough when the code source is not a plain file location.
        }
        return String.join(File.pathSeparator, entries);
    }
}
