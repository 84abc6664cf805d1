-- Moecraft schema on PostgreSQL, part 6: hash-chained audit logs and their signed checkpoints (not Orleans tables).
--
-- One row per entry, so an append writes one row however long the log is. (LogId, Seq) is the primary key: an append
-- at a taken sequence inserts nothing, so a second activation of a log's grain cannot fork the chain. The columns
-- match the SQLite script so one set of SQL serves both.

CREATE TABLE IF NOT EXISTS moecraft_audit
(
    LogId    varchar(128) NOT NULL,
    Seq      bigint       NOT NULL,
    Ts       bigint       NOT NULL,
    Kind     varchar(128) NOT NULL,
    Actor    varchar(256) NOT NULL,
    Payload  text         NOT NULL,
    PrevHash char(64)     NOT NULL,
    Hash     char(64)     NOT NULL,
    PRIMARY KEY (LogId, Seq)
);

CREATE TABLE IF NOT EXISTS moecraft_audit_checkpoint
(
    LogId     varchar(128) NOT NULL,
    Size      bigint       NOT NULL,
    HeadHash  char(64)     NOT NULL,
    Ts        bigint       NOT NULL,
    NodeId    varchar(64)  NOT NULL,
    Signature varchar(128) NOT NULL,
    PRIMARY KEY (LogId, Size)
);
