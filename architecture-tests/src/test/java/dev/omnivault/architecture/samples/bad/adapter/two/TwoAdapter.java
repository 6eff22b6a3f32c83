package dev.omnivault.architecture.samples.bad.adapter.two;

public final class TwoAdapter {}
