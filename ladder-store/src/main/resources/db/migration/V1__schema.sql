-- Ladder store schema, one for SQLite and PostgreSQL: ${id_column} is the generated key
-- (INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, BIGSERIAL PRIMARY KEY on PostgreSQL; see Dialect).
-- JSON is stored as TEXT so documents round-trip byte for byte; times are epoch milliseconds.
CREATE TABLE experiments (
    id           ${id_column},
    name         TEXT    NOT NULL UNIQUE,
    spec         TEXT    NOT NULL,
    seed         BIGINT  NOT NULL,
    status       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    owner        TEXT,
    owner_since  BIGINT,
    heartbeat_at BIGINT
);

CREATE TABLE trials (
    experiment_id BIGINT  NOT NULL REFERENCES experiments (id),
    trial_id      INTEGER NOT NULL,
    config        TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    last_resource BIGINT  NOT NULL DEFAULT 0,
    checkpoint    TEXT,
    reason        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (experiment_id, trial_id)
);
CREATE INDEX trials_by_status ON trials (experiment_id, status);

CREATE TABLE results (
    id            ${id_column},
    experiment_id BIGINT           NOT NULL,
    trial_id      INTEGER          NOT NULL,
    resource      BIGINT           NOT NULL,
    metrics       TEXT             NOT NULL,
    time_s        DOUBLE PRECISION NOT NULL,
    FOREIGN KEY (experiment_id, trial_id) REFERENCES trials (experiment_id, trial_id)
);
CREATE INDEX results_by_trial ON results (experiment_id, trial_id, resource);

CREATE TABLE events (
    experiment_id BIGINT NOT NULL REFERENCES experiments (id),
    seq           BIGINT NOT NULL,
    type          TEXT   NOT NULL,
    body          TEXT   NOT NULL,
    PRIMARY KEY (experiment_id, seq)
);
