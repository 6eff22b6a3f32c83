package dev.omnivault.architecture.samples.good.bootstrap;

import dev.omnivault.architecture.samples.good.adapter.one.FileNoteStore;
import dev.omnivault.architecture.samples.good.adapter.two.NoteCommand;
import dev.omnivault.architecture.samples.good.application.service.ReadNoteService;
import jakarta.inject.Singleton;

public final class NoteWiring {
    private NoteWiring() {}

    @Singleton
    public static NoteCommand command() {
        return new NoteCommand(new ReadNoteService(new FileNoteStore()));
    }
}
