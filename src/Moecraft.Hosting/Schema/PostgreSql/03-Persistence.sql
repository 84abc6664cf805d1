-- Moecraft schema for the Orleans ADO.NET providers on PostgreSQL, part 3: grain state.
--
-- A grain's row is found through the two hashes Orleans computes (narrow index); the clear-text
-- columns then rule out hash collisions. Version is the grain state's ETag.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Optimistic write. Returns the new version, or the caller's unchanged version (NULL for a first
-- write) when another writer got there first; Orleans turns "unchanged" into InconsistentStateException.
CREATE OR REPLACE FUNCTION moecraft_write_to_storage(
    p_grain_id_hash       integer,
    p_grain_id_n0         bigint,
    p_grain_id_n1         bigint,
    p_grain_type_hash     integer,
    p_grain_type_string   text,
    p_grain_id_extension  text,
    p_service_id          text,
    p_grain_state_version integer,
    p_payload_binary      bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_grain_state_version IS NOT NULL THEN
        -- Under READ COMMITTED a concurrent writer blocks on the row lock and then re-checks the
        -- version against the committed row, so exactly one writer per version succeeds.
        UPDATE OrleansStorage AS s
        SET PayloadBinary = p_payload_binary,
            ModifiedOn = now(),
            Version = s.Version + 1
        WHERE s.GrainIdHash = p_grain_id_hash
          AND s.GrainTypeHash = p_grain_type_hash
          AND s.GrainIdN0 = p_grain_id_n0
          AND s.GrainIdN1 = p_grain_id_n1
          AND s.GrainTypeString = p_grain_type_string
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
          AND s.ServiceId = p_service_id
          AND s.Version = p_grain_state_version
        RETURNING s.Version INTO v_new_version;

        RETURN coalesce(v_new_version, p_grain_state_version);
    END IF;

    -- First write: there is no row to lock, so serialise first writers of the same hash pair with a
    -- transaction-scoped advisory lock (two-int key space, separate from the schema lock).
    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);

    IF EXISTS (
        SELECT 1
        FROM OrleansStorage AS s
        WHERE s.GrainIdHash = p_grain_id_hash
          AND s.GrainTypeHash = p_grain_type_hash
          AND s.GrainIdN0 = p_grain_id_n0
          AND s.GrainIdN1 = p_grain_id_n1
          AND s.GrainTypeString = p_grain_type_string
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
          AND s.ServiceId = p_service_id) THEN
        RETURN NULL;
    END IF;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    VALUES
        (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
         p_grain_id_extension, p_service_id, p_payload_binary, now(), 1);

    RETURN 1;
END
$fn$;

-- Clear keeps the row (payload NULL, version + 1) so the ETag sequence never restarts; delete
-- (DeleteStateOnClear = true) removes it and reports the version the row would have had next.
-- Both return no row on a version conflict, which Orleans also reports as InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
    LIMIT 1;
$q$),
('WriteToStorageKey', $q$
    SELECT moecraft_write_to_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$q$),
('ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
