-- Moecraft schema on SQLite, part 3: the routing and cost ledger (not an Orleans table).
--
-- One append-only row per routing decision, written in batches by the silo's ledger (BatchingLedger). Units chosen so
-- both databases store and sum the same integers exactly:
--   * TimestampTicks: UTC time in .NET ticks (100 ns since 0001-01-01);
--   * *Nanos: money in 1e-9 currency units (SQLite has no exact decimal type; SUM over REAL would drift);
--   * Experts, Scores: JSON arrays, same order; CacheHit: 0 or 1; Outcome: 0 answered, 1 failed, 2 rejected.
-- (TenantId, RequestId) is unique, so re-writing a batch after a failure never duplicates a line.

CREATE TABLE IF NOT EXISTS moecraft_ledger
(
    Id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    TenantId          TEXT    NOT NULL,
    RequestId         TEXT    NOT NULL,
    TimestampTicks    INTEGER NOT NULL,
    RouterId          TEXT    NOT NULL,
    Epoch             INTEGER NOT NULL,
    Experts           TEXT    NOT NULL,
    Scores            TEXT    NOT NULL,
    Confidence        REAL    NOT NULL,
    Policy            TEXT    NOT NULL,
    InputTokens       INTEGER NOT NULL,
    OutputTokens      INTEGER NOT NULL,
    CostNanos         INTEGER NOT NULL,
    BaselineCostNanos INTEGER NOT NULL,
    SavingsNanos      INTEGER NOT NULL,
    LatencyMs         INTEGER NOT NULL,
    CacheHit          INTEGER NOT NULL,
    Outcome           INTEGER NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS UX_moecraft_ledger_request ON moecraft_ledger (TenantId, RequestId);

-- Every query names one tenant: history pages walk (TimestampTicks, Id) downwards, cost sums scan a time range.
CREATE INDEX IF NOT EXISTS IX_moecraft_ledger_tenant_time ON moecraft_ledger (TenantId, TimestampTicks, Id);

-- What each request was answered, written in the same transaction as its ledger line (the request's durable unit): a
-- retry with the same request id gets it back, feedback recalls the prompt and experts. Result: the AskResult in
-- Orleans' binary format. Open-path requests (no tenant) are kept under TenantId '_open'.
CREATE TABLE IF NOT EXISTS moecraft_answer
(
    TenantId       TEXT    NOT NULL,
    RequestId      TEXT    NOT NULL,
    TimestampTicks INTEGER NOT NULL,
    RouterId       TEXT    NOT NULL,
    Prompt         TEXT    NOT NULL,
    Experts        TEXT    NOT NULL,
    Result         BLOB    NULL,
    PRIMARY KEY (TenantId, RequestId)
);
