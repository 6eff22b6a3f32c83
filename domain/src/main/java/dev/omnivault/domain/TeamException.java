package dev.omnivault.domain;

/** A change of a team vault's members that cannot be made: the name is taken, unknown, or the change is refused. */
public final class TeamException extends VaultException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** A member of that name exists already. */
        MEMBER_EXISTS,
        /** No member has that name. */
        NO_SUCH_MEMBER,
        /** The change would leave the vault unusable, or this vault's store keeps no team. */
        REFUSED
    }

    private final Kind kind;

    public TeamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static TeamException exists(MemberName name) {
        return new TeamException(Kind.MEMBER_EXISTS, "the vault has a member named '" + name + "' already");
    }

    public static TeamException unknown(MemberName name) {
        return new TeamException(Kind.NO_SUCH_MEMBER, "the vault has no member named '" + name + "'");
    }

    public static TeamException refused(String why) {
        return new TeamException(Kind.REFUSED, why);
    }

    public Kind kind() {
        return kind;
    }
}
