package dev.omnivault.architecture.samples.good.application.service;

import dev.omnivault.architecture.samples.good.application.port.in.ReadNoteUseCase;
import dev.omnivault.architecture.samples.good.application.port.out.NoteStore;
import dev.omnivault.architecture.samples.good.domain.Note;

public final class ReadNoteService implements ReadNoteUseCase {
    private final NoteStore store;

    public ReadNoteService(NoteStore store) {
        this.store = store;
    }

    @Override
    public Note read() {
        return store.load();
    }
}
