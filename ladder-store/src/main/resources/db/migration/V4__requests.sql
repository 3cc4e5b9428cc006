-- Requests from other processes to the tuner running an experiment (`ladder exclude`): its log reads the
-- rows after the last it saw at every heartbeat and the tuner journals what they ask; the journal, not this
-- table, is the truth (a request for what the journal already holds changes nothing).
CREATE TABLE requests (
    id            ${id_column},
    experiment_id BIGINT NOT NULL REFERENCES experiments (id),
    kind          TEXT   NOT NULL,
    body          TEXT   NOT NULL
);
CREATE INDEX requests_by_experiment ON requests (experiment_id, id);
