package dev.omnivault.architecture.samples.bad.bootstrap;

public final class SampleWiring {
    public static String name() {
        return "wiring";
    }

    private SampleWiring() {}
}
