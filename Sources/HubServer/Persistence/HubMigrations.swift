import GRDB

/// The learner database schema, built by named GRDB migrations.
///
/// Rules: never edit or remove a registered migration once released; append a new one, and
/// make it set `PRAGMA user_version` to its position (1-based) so `schemaVersion` reports it.
/// GRDB records applied migration names in `grdb_migrations`, so each runs once per file.
/// Dates are INTEGER milliseconds since 1970 (UTC).
enum HubMigrations {
    /// The schema version this build writes; a file with a higher `user_version` (or with
    /// migrations this build does not know) belongs to a newer MLHub and is not opened.
    static let currentSchemaVersion = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-learner-progress") { db in
            try db.execute(sql: """
                CREATE TABLE lesson_progress (
                    lesson_id TEXT PRIMARY KEY NOT NULL
                        CHECK (length(lesson_id) BETWEEN 1 AND 200),
                    completed_at INTEGER NOT NULL
                );
                CREATE TABLE quiz_attempt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    lesson_id TEXT NOT NULL CHECK (length(lesson_id) BETWEEN 1 AND 200),
                    answers TEXT NOT NULL,            -- JSON array of choice indexes, -1 = unanswered
                    correct INTEGER NOT NULL CHECK (correct >= 0),
                    total INTEGER NOT NULL CHECK (total >= correct),
                    submitted_at INTEGER NOT NULL
                );
                CREATE INDEX quiz_attempt_by_lesson ON quiz_attempt (lesson_id, submitted_at);
                CREATE TABLE demo_configuration (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    demo TEXT NOT NULL CHECK (length(demo) BETWEEN 1 AND 200),
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                    configuration TEXT NOT NULL,      -- JSON
                    saved_at INTEGER NOT NULL,
                    UNIQUE (demo, name)
                );
                CREATE INDEX demo_configuration_by_demo ON demo_configuration (demo, saved_at);
                PRAGMA user_version = 1;
                """)
        }

        migrator.registerMigration("v2-experiment-runs") { db in
            try db.execute(sql: """
                CREATE TABLE experiment_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    demo TEXT NOT NULL CHECK (length(demo) BETWEEN 1 AND 200),
                    configuration TEXT NOT NULL,      -- JSON
                    summary TEXT NOT NULL,            -- JSON metrics
                    finished_at INTEGER NOT NULL
                );
                CREATE INDEX experiment_run_by_demo ON experiment_run (demo, finished_at);
                -- Weights live apart so that listing runs never reads megabytes of blobs.
                CREATE TABLE experiment_weights (
                    run_id INTEGER PRIMARY KEY NOT NULL
                        REFERENCES experiment_run (id) ON DELETE CASCADE,
                    data BLOB NOT NULL
                );
                PRAGMA user_version = 2;
                """)
        }

        return migrator
    }
}
