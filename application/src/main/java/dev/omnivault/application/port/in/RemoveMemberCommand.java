package dev.omnivault.application.port.in;

import dev.omnivault.domain.MemberName;

/** The member to remove from a team vault. */
public record RemoveMemberCommand(MemberName name, Caller caller) {}
