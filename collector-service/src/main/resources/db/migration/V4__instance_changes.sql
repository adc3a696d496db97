-- Raised with every change of an instance's settings (registration, edit, plan change, deletion), in the
-- same transaction: each replica's poll scheduler reloads its poll targets only when it moved, instead of
-- reading every instance row and opening every sealed URL each second.
CREATE TABLE instance_changes (
    id      INT    PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO instance_changes (id, version) VALUES (1, 0);
