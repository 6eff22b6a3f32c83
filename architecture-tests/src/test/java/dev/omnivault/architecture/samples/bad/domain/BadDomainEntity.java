package dev.omnivault.architecture.samples.bad.domain;

import dev.omnivault.architecture.samples.bad.application.port.in.BadUseCase;
import jakarta.inject.Inject;

/** Breaks: a framework in the domain, and the domain reaching out to the application (a cycle). */
public final class BadDomainEntity {
    @Inject
    public BadDomainEntity() {}

    public String use(BadUseCase useCase) {
        return useCase.run(new SampleValue());
    }
}
