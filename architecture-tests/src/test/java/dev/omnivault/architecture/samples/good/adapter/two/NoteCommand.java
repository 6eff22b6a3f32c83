package dev.omnivault.architecture.samples.good.adapter.two;

import dev.omnivault.architecture.samples.good.application.port.in.ReadNoteUseCase;

public final class NoteCommand {
    private final ReadNoteUseCase useCase;

    public NoteCommand(ReadNoteUseCase useCase) {
        this.useCase = useCase;
    }

    public String run() {
        return useCase.read().text();
    }
}
