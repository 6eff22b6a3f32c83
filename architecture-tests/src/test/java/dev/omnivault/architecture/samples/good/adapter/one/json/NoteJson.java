package dev.omnivault.architecture.samples.good.adapter.one.json;

public record NoteJson(String text) {}
