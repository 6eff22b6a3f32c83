package dev.omnivault.architecture.samples.bad.application.port.out;

public interface Store {
    void save();
}
