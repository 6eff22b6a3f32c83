package dev.omnivault.architecture.samples.good.application.port.in;

import dev.omnivault.architecture.samples.good.domain.Note;

public interface ReadNoteUseCase {
    Note read();
}
