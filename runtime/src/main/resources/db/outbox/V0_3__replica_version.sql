-- One counter per replicated topic, raised in the same transaction as every change of its rows (which
-- carry the value they were written at): a reader that holds the topic in memory reads only the rows
-- changed since, or all of them again after a delete. The counter row's lock orders the versions as the
-- transactions commit.
CREATE TABLE replica_version (
    topic   TEXT   PRIMARY KEY,
    version BIGINT NOT NULL,
    deletes BIGINT NOT NULL
);
ALTER TABLE replica ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
