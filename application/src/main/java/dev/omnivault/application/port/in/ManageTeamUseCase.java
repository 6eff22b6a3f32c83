package dev.omnivault.application.port.in;

/**
 * The members of a team vault (one kept in a store several daemons share): each unlocks with a
 * passphrase of their own. Any unlocked member may add or remove another.
 */
public interface ManageTeamUseCase {

    /**
     * The vault's members.
     *
     * @throws dev.omnivault.domain.VaultLockedException while locked
     * @throws dev.omnivault.domain.TeamException ({@code REFUSED}) for a vault whose store keeps no team
     */
    Team members();

    /**
     * Adds a member, who can unlock from then on with their passphrase.
     *
     * @throws dev.omnivault.domain.TeamException when the name is taken, or the store keeps no team
     */
    void add(AddMemberCommand command);

    /**
     * Removes a member: the vault gets a new data key, wrapped for the remaining members only, and
     * every record is sealed again under it, so the removed passphrase opens nothing written
     * before or after. Values the member saw must still be rotated: they may have kept them.
     *
     * @throws dev.omnivault.domain.TeamException when there is no such member, or it is the caller's own
     */
    void remove(RemoveMemberCommand command);
}
