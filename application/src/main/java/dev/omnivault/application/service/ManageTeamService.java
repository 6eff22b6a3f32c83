package dev.omnivault.application.service;

import dev.omnivault.application.port.in.AddMemberCommand;
import dev.omnivault.application.port.in.ManageTeamUseCase;
import dev.omnivault.application.port.in.RemoveMemberCommand;
import dev.omnivault.application.port.in.Team;
import dev.omnivault.application.port.out.AuditEvent;
import dev.omnivault.application.port.out.AuditLog;
import dev.omnivault.application.port.out.MemberEnrolment;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.domain.Activity;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.TeamException;

/**
 * Lists, adds and removes the members of a team vault. A new member's key derivation runs before
 * any lock is taken; the change itself is a write, queued with the others.
 */
public final class ManageTeamService implements ManageTeamUseCase {

    private final VaultKeeper keeper;
    private final VaultStore store;
    private final AuditLog audit;

    public ManageTeamService(VaultKeeper keeper, VaultStore store, AuditLog audit) {
        this.keeper = keeper;
        this.store = store;
        this.audit = audit;
    }

    @Override
    public Team members() {
        return keeper.read(Activity.MANAGE_TEAM, session -> new Team(session.members(), unlockedAs(session)));
    }

    @Override
    public void add(AddMemberCommand command) {
        // refused before the key derivation when locked, or for a vault that keeps no team
        keeper.read(Activity.MANAGE_TEAM, session -> session.member().orElseThrow(VaultSession::noTeam));
        MemberEnrolment enrolment = store.enrol(command.name(), command.passphrase());
        keeper.write(Activity.MANAGE_TEAM, session -> {
            session.addMember(enrolment);
            return null;
        });
        audit.record(new AuditEvent.MemberAdded(command.name(), command.caller()));
    }

    @Override
    public void remove(RemoveMemberCommand command) {
        int resealed = keeper.writeAlone(Activity.MANAGE_TEAM, session -> {
            if (command.name().equals(unlockedAs(session))) {
                throw TeamException.refused("a member cannot remove themselves: another member removes them"
                        + " (unlocked here as '" + command.name() + "')");
            }
            session.removeMember(command.name());
            return session.count();
        });
        audit.record(new AuditEvent.MemberRemoved(command.name(), resealed, command.caller()));
    }

    private static MemberName unlockedAs(VaultSession session) {
        return session.member().orElse(MemberName.OWNER);
    }
}
