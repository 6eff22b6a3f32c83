package dev.omnivault.architecture.samples.bad.application.port.out;

/** Breaks: a driven port named after the pattern instead of its capability. */
public interface StoragePort {
    void save();
}
