-- Moecraft schema for the Orleans ADO.NET providers on PostgreSQL, part 1: the query registry.
--
-- Orleans reads its SQL from OrleansQuery once per provider start, binds parameters by name and
-- reads result columns by name, so the SQL below is our own as long as those names hold.
--
-- Every script in this folder is idempotent: DatabaseSchema runs all of them, in file-name order,
-- on every silo start, inside one transaction guarded by pg_advisory_xact_lock. Re-running a newer
-- script therefore repairs tables, replaces functions and rewrites query text in place.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- One row per applied script, so an operator can see which script content a database carries.
CREATE TABLE IF NOT EXISTS MoecraftSchemaVersion
(
    ScriptName  varchar(128) NOT NULL,
    ContentHash char(64)     NOT NULL,
    AppliedOn   timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT PK_MoecraftSchemaVersion PRIMARY KEY (ScriptName)
);
