package dev.omnivault.architecture.samples.good.domain;

public record Note(String text) {}
