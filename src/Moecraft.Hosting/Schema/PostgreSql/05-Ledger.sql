-- Moecraft schema on PostgreSQL, part 5: the routing and cost ledger (not an Orleans table).
--
-- One append-only row per routing decision, written in batches by the silo's ledger (BatchingLedger). The columns
-- match the SQLite script so one set of SQL serves both:
--   * TimestampTicks: UTC time in .NET ticks (100 ns since 0001-01-01);
--   * *Nanos: money in 1e-9 currency units, summed exactly;
--   * Experts, Scores: JSON arrays, same order; CacheHit: 0 or 1; Outcome: 0 answered, 1 failed, 2 rejected.
-- (TenantId, RequestId) is unique, so re-writing a batch after a failure never duplicates a line.

CREATE TABLE IF NOT EXISTS moecraft_ledger
(
    Id                bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    TenantId          varchar(128)     NOT NULL,
    RequestId         varchar(200)     NOT NULL,
    TimestampTicks    bigint           NOT NULL,
    RouterId          varchar(200)     NOT NULL,
    Epoch             integer          NOT NULL,
    Experts           text             NOT NULL,
    Scores            text             NOT NULL,
    Confidence        double precision NOT NULL,
    Policy            varchar(200)     NOT NULL,
    InputTokens       bigint           NOT NULL,
    OutputTokens      bigint           NOT NULL,
    CostNanos         bigint           NOT NULL,
    BaselineCostNanos bigint           NOT NULL,
    SavingsNanos      bigint           NOT NULL,
    LatencyMs         bigint           NOT NULL,
    CacheHit          smallint         NOT NULL,
    Outcome           smallint         NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS UX_moecraft_ledger_request ON moecraft_ledger (TenantId, RequestId);

-- Every query names one tenant: history pages walk (TimestampTicks, Id) downwards, cost sums scan a time range.
CREATE INDEX IF NOT EXISTS IX_moecraft_ledger_tenant_time ON moecraft_ledger (TenantId, TimestampTicks, Id);

-- What each request was answered, written in the same transaction as its ledger line (the request's durable unit): a
-- retry with the same request id gets it back, feedback recalls the prompt and experts. Result: the AskResult in
-- Orleans' binary format. Open-path requests (no tenant) are kept under TenantId '_open'.
CREATE TABLE IF NOT EXISTS moecraft_answer
(
    TenantId       varchar(128) NOT NULL,
    RequestId      varchar(200) NOT NULL,
    TimestampTicks bigint       NOT NULL,
    RouterId       varchar(200) NOT NULL,
    Prompt         text         NOT NULL,
    Experts        text         NOT NULL,
    Result         bytea        NULL,
    PRIMARY KEY (TenantId, RequestId)
);
