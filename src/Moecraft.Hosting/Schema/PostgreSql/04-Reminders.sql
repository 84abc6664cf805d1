-- Moecraft schema for the Orleans ADO.NET providers on PostgreSQL, part 4: durable reminders.
--
-- Period is in milliseconds. GrainHash is the grain's uniform hash (a uint stored as a signed int);
-- each silo reads the reminders of its hash range, hence the (ServiceId, GrainHash) index.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Inserts or replaces a reminder and returns its new version (the reminder's ETag).
CREATE OR REPLACE FUNCTION moecraft_upsert_reminder_row(
    p_service_id    text,
    p_grain_id      text,
    p_reminder_name text,
    p_start_time    timestamptz,
    p_period        bigint,
    p_grain_hash    integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_version integer;
BEGIN
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (p_service_id, p_grain_id, p_reminder_name, p_start_time, p_period, p_grain_hash, 1)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = EXCLUDED.StartTime,
            Period = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version = r.Version + 1
    RETURNING r.Version INTO STRICT v_version;

    RETURN v_version;
END
$fn$;

-- Deletes a reminder only if the caller still holds its current version; returns rows deleted (0 or 1).
CREATE OR REPLACE FUNCTION moecraft_delete_reminder_row(
    p_service_id    text,
    p_grain_id      text,
    p_reminder_name text,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_deleted integer;
BEGIN
    DELETE FROM OrleansRemindersTable AS r
    WHERE r.ServiceId = p_service_id
      AND r.GrainId = p_grain_id
      AND r.ReminderName = p_reminder_name
      AND r.Version = p_version;

    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$fn$;

-- ReadRangeRows1Key serves a plain hash range (Begin, End]; ReadRangeRows2Key the range that wraps
-- around the end of the ring (above Begin or up to End).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
    SELECT moecraft_upsert_reminder_row(
        @ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash) AS Version;
$q$),
('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId;
$q$),
('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName;
$q$),
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash;
$q$),
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),
('DeleteReminderRowKey', $q$
    SELECT moecraft_delete_reminder_row(
        @ServiceId, @GrainId, @ReminderName, @Version) AS RowsDeleted;
$q$),
('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
