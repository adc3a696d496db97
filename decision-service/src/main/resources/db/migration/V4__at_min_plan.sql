-- One at_min_plan alert per episode: at the min plan while a cheaper plan below it would hold the load.
ALTER TABLE instance_state ADD COLUMN at_min_open BOOLEAN NOT NULL DEFAULT false;
