-- Moecraft schema on PostgreSQL, part 7: federation knowledge feeds (SPEC 6; not Orleans tables).
--
-- One row per packet a node holds; (Holder, Origin, Seq) is the primary key, so a batch that meets a taken sequence
-- inserts nothing and a second activation of a feed's grain cannot fork the stored feed. The columns match the SQLite
-- script so one set of SQL serves both.

CREATE TABLE IF NOT EXISTS moecraft_feed
(
    Holder       varchar(128) NOT NULL,
    Origin       varchar(64)  NOT NULL,
    Seq          bigint       NOT NULL,
    PacketId     char(64)     NOT NULL,
    ReceivedFrom varchar(128) NOT NULL,
    ReceivedAt   bigint       NOT NULL,
    Packet       text         NOT NULL,
    PRIMARY KEY (Holder, Origin, Seq)
);

CREATE TABLE IF NOT EXISTS moecraft_feed_fork
(
    Holder varchar(128) NOT NULL,
    Origin varchar(64)  NOT NULL,
    Detail text         NOT NULL,
    PRIMARY KEY (Holder, Origin)
);
