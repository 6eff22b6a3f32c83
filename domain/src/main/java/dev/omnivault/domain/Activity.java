package dev.omnivault.domain;

/** What a client did to the vault, as far as the auto-lock timer is concerned. */
public enum Activity {
    GET_SECRET,
    PUT_SECRET,
    DELETE_SECRET,
    LIST_SECRETS,
    IMPORT_SECRETS,
    EXPORT_SECRETS,
    CHANGE_PASSPHRASE,
    FORGET_BACKUPS,
    MANAGE_TEAM,
    STATUS,
    LOCK,
    UNLOCK_WHILE_UNLOCKED
}
