-- Moecraft schema for the Orleans ADO.NET providers on SQLite, part 1: the query registry.
--
-- Orleans 10 supports SQLite for grain persistence only (no clustering, no reminders), so this
-- folder holds just the registry and the grain-state table. Orleans reads its SQL from OrleansQuery,
-- binds parameters by name and reads result columns by name.
--
-- Every script is idempotent: DatabaseSchema runs all of them, in file-name order, on every silo
-- start inside one BEGIN IMMEDIATE transaction, so a newer script rewrites query text in place.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL,
    QueryText TEXT NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- One row per applied script, so an operator can see which script content a database carries.
CREATE TABLE IF NOT EXISTS MoecraftSchemaVersion
(
    ScriptName  TEXT NOT NULL,
    ContentHash TEXT NOT NULL,
    AppliedOn   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT PK_MoecraftSchemaVersion PRIMARY KEY (ScriptName)
);
