package dev.omnivault.architecture.samples.good.adapter.one;

import dev.omnivault.architecture.samples.good.application.port.out.NoteStore;
import dev.omnivault.architecture.samples.good.domain.Note;

public final class FileNoteStore implements NoteStore {
    @Override
    public Note load() {
        return new Note("hello");
    }
}
