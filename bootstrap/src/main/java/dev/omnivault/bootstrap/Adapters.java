package dev.omnivault.bootstrap;

import jakarta.inject.Provider;
import java.util.Map;

/** Picks the one adapter the settings name out of those a Dagger map binds by name; only it is made. */
final class Adapters {

    private Adapters() {}

    static <T> T chosen(Map<String, Provider<T>> bound, String name, String kind) {
        Provider<T> chosen = bound.get(name);
        if (chosen == null) {
            throw new IllegalStateException("no " + kind + " adapter is bound as " + name);
        }
        return chosen.get();
    }
}
