package dev.omnivault.architecture.samples.bad.adapter.two.json;

/** Breaks: a JSON DTO whose name does not end in Json. */
public record Payload(String path) {}
