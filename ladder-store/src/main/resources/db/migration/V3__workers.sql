-- Many machines (docs/distributed.md): the tuner of an experiment queues jobs, `ladder worker` processes lease
-- and run them, and the jobs' reports and ends come back as job_events that the tuner answers. Times are
-- the database's clock in epoch milliseconds, so machines with skewed clocks agree on heartbeats.
CREATE TABLE workers (
    id           ${id_column},
    name         TEXT    NOT NULL,
    host         TEXT    NOT NULL,
    slots        INTEGER NOT NULL,
    lease_ms     BIGINT  NOT NULL,
    started_at   BIGINT  NOT NULL,
    heartbeat_at BIGINT  NOT NULL,
    stopped_at   BIGINT
);

-- One run of a trial, queued by the tuner once the journal holds the event that launched it; weight is its
-- experiment's priority in the fair share of the workers. state: QUEUED,
-- LEASED (worker_id runs it), ENDED (its end is in job_events), LOST (its worker stopped heartbeating: the
-- worker may no longer write for it), CANCELLED (the tuner let it go before a worker took it).
CREATE TABLE jobs (
    id             ${id_column},
    experiment_id  BIGINT  NOT NULL REFERENCES experiments (id),
    trial_id       INTEGER NOT NULL,
    config         TEXT    NOT NULL,
    resume_from    BIGINT  NOT NULL,
    target         BIGINT  NOT NULL,
    checkpoint_dir TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    worker_id      BIGINT,
    cancel         INTEGER NOT NULL DEFAULT 0,
    weight         DOUBLE PRECISION NOT NULL DEFAULT 1,
    created_at     BIGINT  NOT NULL,
    leased_at      BIGINT,
    ended_at       BIGINT
);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE INDEX jobs_by_trial ON jobs (experiment_id, trial_id);
CREATE UNIQUE INDEX jobs_by_folder ON jobs (experiment_id, checkpoint_dir);
CREATE INDEX jobs_by_worker ON jobs (worker_id, state);

-- What a job said: kind 'report' (resource, metrics as JSON in body), 'ended' (resource: the last reported,
-- body: 'program_end' or ''), 'failed' (body: the message). answer is NULL until the tuner handled the row:
-- for a report 1 = go on, 0 = end the job; for an end 1. A job reports a resource at most once.
CREATE TABLE job_events (
    id            ${id_column},
    job_id        BIGINT  NOT NULL REFERENCES jobs (id),
    experiment_id BIGINT  NOT NULL,
    kind          TEXT    NOT NULL,
    resource      BIGINT  NOT NULL,
    body          TEXT    NOT NULL,
    answer        INTEGER,
    created_at    BIGINT  NOT NULL,
    UNIQUE (job_id, kind, resource)
);
CREATE INDEX job_events_open ON job_events (experiment_id, answer);
