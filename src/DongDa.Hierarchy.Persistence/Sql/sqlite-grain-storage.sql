-- Grain storage for the Orleans ADO.NET provider on SQLite. The provider reads its three queries
-- from OrleansQuery by key and binds parameters and result columns by name, so those names are
-- fixed; everything else here is ours. Applied on every start: each statement is idempotent, and
-- the queries are replaced so that an upgraded host brings its own versions.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT NOT NULL,
    GrainIdExtensionString TEXT NULL,
    ServiceId              TEXT NOT NULL,
    PayloadBinary          BLOB NULL,
    ModifiedOn             TEXT NOT NULL,
    Version                INTEGER NULL
);

-- One row per grain: a racing second insert fails instead of creating a twin row.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, IFNULL(GrainIdExtensionString, ''));

-- Optimistic concurrency: an update applies only at the version the grain last saw, an insert
-- only when no row exists. On success the new version comes back; on a conflict the old version
-- (update) or nothing (insert), which the provider turns into an InconsistentStateException.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = datetime(''now''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NOT NULL;

    INSERT OR IGNORE INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, datetime(''now''), 1
    WHERE @GrainStateVersion IS NULL;

    SELECT 1 AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NULL AND changes() > 0;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
    LIMIT 1;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = datetime(''now''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion;

    SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
    WHERE @GrainStateVersion IS NOT NULL;
');
