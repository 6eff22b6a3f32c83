package dev.omnivault.architecture.samples.bad.application.service;

import dev.omnivault.architecture.samples.bad.application.port.out.Store;

/** Breaks: a driven port implemented inside the application. */
public final class StoreImpl implements Store {
    @Override
    public void save() {}
}
