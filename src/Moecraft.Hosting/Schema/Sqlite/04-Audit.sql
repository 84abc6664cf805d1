-- Moecraft schema on SQLite, part 4: hash-chained audit logs and their signed checkpoints (not Orleans tables).
--
-- One row per entry, so an append writes one row however long the log is. (LogId, Seq) is the primary key: an append
-- at a taken sequence inserts nothing, so a second activation of a log's grain cannot fork the chain. Hashes are
-- lower-case hex SHA-256; Ts is Unix milliseconds; Payload is canonical JSON; Signature is unpadded base64url Ed25519.

CREATE TABLE IF NOT EXISTS moecraft_audit
(
    LogId    TEXT    NOT NULL,
    Seq      INTEGER NOT NULL,
    Ts       INTEGER NOT NULL,
    Kind     TEXT    NOT NULL,
    Actor    TEXT    NOT NULL,
    Payload  TEXT    NOT NULL,
    PrevHash TEXT    NOT NULL,
    Hash     TEXT    NOT NULL,
    PRIMARY KEY (LogId, Seq)
);

CREATE TABLE IF NOT EXISTS moecraft_audit_checkpoint
(
    LogId     TEXT    NOT NULL,
    Size      INTEGER NOT NULL,
    HeadHash  TEXT    NOT NULL,
    Ts        INTEGER NOT NULL,
    NodeId    TEXT    NOT NULL,
    Signature TEXT    NOT NULL,
    PRIMARY KEY (LogId, Size)
);
