-- The lease's generation: every acquire adds one, and a writer's transaction goes through only while the
-- epoch is still the one its lease was granted with (a process whose lease was taken over cannot write).
ALTER TABLE experiments ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;
