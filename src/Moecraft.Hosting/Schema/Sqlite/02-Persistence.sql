-- Moecraft schema for the Orleans ADO.NET providers on SQLite, part 2: grain state.
--
-- A grain's row is found through the two hashes Orleans computes (narrow index); the clear-text
-- columns then rule out hash collisions. Version is the grain state's ETag. "a IS b" is SQLite's
-- NULL-safe equality, needed because GrainIdExtensionString is NULL for most grains.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    Version                INTEGER NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Writes first set synchronous = NORMAL on their pooled connection (the setting is per connection, and the PRAGMA
-- returns no rows, so the result Orleans reads is unchanged): in WAL mode a commit then no longer waits for an fsync,
-- yet stays durable when the process is killed; only a power loss can roll back the last commits.
--
-- WriteToStorageKey runs two statements that exclude each other through @GrainStateVersion, each
-- atomic on its own (SQLite has a single writer), so no explicit transaction is needed:
--   * a known version: UPDATE guarded by that version;
--   * no version (first write): INSERT unless a row already exists.
-- The statement that changed a row returns the new version; on a version conflict neither returns
-- a row, which Orleans reports as InconsistentStateException (no version back while it sent one,
-- or none back for a first write). Clear and delete follow the same "no row = conflict" rule.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
    LIMIT 1;
'),
('WriteToStorageKey', '
    PRAGMA synchronous = NORMAL;
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = CURRENT_TIMESTAMP,
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND @GrainStateVersion IS NOT NULL
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @PayloadBinary, CURRENT_TIMESTAMP, 1
    WHERE @GrainStateVersion IS NULL
      AND NOT EXISTS (
        SELECT 1
        FROM OrleansStorage
        WHERE GrainIdHash = @GrainIdHash
          AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0
          AND GrainIdN1 = @GrainIdN1
          AND GrainTypeString = @GrainTypeString
          AND GrainIdExtensionString IS @GrainIdExtensionString
          AND ServiceId = @ServiceId)
    RETURNING Version AS NewGrainStateVersion;
'),
('ClearStorageKey', '
    PRAGMA synchronous = NORMAL;
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = CURRENT_TIMESTAMP,
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
'),
('DeleteStorageKey', '
    PRAGMA synchronous = NORMAL;
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
');
