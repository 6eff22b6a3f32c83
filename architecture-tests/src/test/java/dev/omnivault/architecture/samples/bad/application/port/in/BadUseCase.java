package dev.omnivault.architecture.samples.bad.application.port.in;

import dev.omnivault.architecture.samples.bad.domain.SampleValue;

public interface BadUseCase {
    String run(SampleValue value);
}
