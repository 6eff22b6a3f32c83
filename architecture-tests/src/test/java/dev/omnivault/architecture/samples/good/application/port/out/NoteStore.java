package dev.omnivault.architecture.samples.good.application.port.out;

import dev.omnivault.architecture.samples.good.domain.Note;

public interface NoteStore {
    Note load();
}
