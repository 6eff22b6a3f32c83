package dev.omnivault.application.port.in;

import dev.omnivault.domain.MemberName;
import java.util.List;

/** The members of a team vault, sorted by name, and the one this daemon unlocked as. */
public record Team(List<MemberName> members, MemberName unlockedAs) {

    public Team {
        members = List.copyOf(members);
    }
}
