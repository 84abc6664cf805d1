-- Moecraft schema on SQLite, part 5: federation knowledge feeds (SPEC 6; not Orleans tables).
--
-- One row per packet a node holds, so an append writes only the new packets however long the feed is. (Holder, Origin,
-- Seq) is the primary key: a batch that meets a taken sequence inserts nothing (its transaction rolls back), so a second
-- activation of a feed's grain cannot fork the stored feed. Packet is the packet as JSON; ReceivedAt is Unix ms.

CREATE TABLE IF NOT EXISTS moecraft_feed
(
    Holder       TEXT    NOT NULL,
    Origin       TEXT    NOT NULL,
    Seq          INTEGER NOT NULL,
    PacketId     TEXT    NOT NULL,
    ReceivedFrom TEXT    NOT NULL,
    ReceivedAt   INTEGER NOT NULL,
    Packet       TEXT    NOT NULL,
    PRIMARY KEY (Holder, Origin, Seq)
);

CREATE TABLE IF NOT EXISTS moecraft_feed_fork
(
    Holder TEXT NOT NULL,
    Origin TEXT NOT NULL,
    Detail TEXT NOT NULL,
    PRIMARY KEY (Holder, Origin)
);
