package dev.omnivault.architecture.samples.bad.application.service;

import dev.omnivault.architecture.samples.bad.adapter.one.OneAdapter;
import dev.omnivault.architecture.samples.bad.application.port.in.BadUseCase;
import dev.omnivault.architecture.samples.bad.domain.SampleValue;

/** Breaks: not final, not named …Service, reveals a secret, and depends on an adapter. */
public class LookupServiceImpl implements BadUseCase {
    @Override
    public String run(SampleValue value) {
        return value.revealText() + new OneAdapter();
    }
}
