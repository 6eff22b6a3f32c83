package dev.omnivault.application.port.in;

/** How many imported secrets were new, and how many replaced one at the same path. */
public record ImportResult(int created, int replaced) {}
