package dev.omnivault.architecture.samples.bad.application.port.in;

/** Breaks: a driving port whose name does not end in UseCase. */
public interface Lookup {
    String find();
}
