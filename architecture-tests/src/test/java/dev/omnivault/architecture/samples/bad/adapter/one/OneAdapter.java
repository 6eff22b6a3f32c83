package dev.omnivault.architecture.samples.bad.adapter.one;

import dev.omnivault.architecture.samples.bad.adapter.two.TwoAdapter;
import dev.omnivault.architecture.samples.bad.application.service.StoreImpl;
import dev.omnivault.architecture.samples.bad.bootstrap.SampleWiring;

/** Breaks: depends on another adapter, on a service, and on bootstrap. */
public final class OneAdapter {
    @Override
    public String toString() {
        return new TwoAdapter() + "" + new StoreImpl() + SampleWiring.name();
    }
}
