-- The platform writes worker and bank_account rows at night too. A paying chunk takes the rows of
-- its workers that are free at once, and waits for the others (payout.platform-lock-timeout)
-- holding none of its own meanwhile; a worker whose rows another transaction still holds then is
-- set aside here, in the chunk's transaction, and tried again later in the night
-- (payout.locked-rows.*). The try that decides the worker (paid, carried forward for a rule, or
-- ROWS_LOCKED after its last try) deletes its row in the same transaction: a run completes with
-- none left (docs/platform-coexistence.md).
create table payout_locked_worker (
    run_id       bigint      not null references payout_run (id),
    -- no foreign key to worker: checking one takes a key-share lock on the worker's row, which a
    -- platform transaction holding the row FOR UPDATE would make the chunk wait for
    worker_id    bigint      not null,
    -- tries that found the rows held, the chunk's included
    tries        integer     not null check (tries >= 1),
    -- the database's clock: the pause before the next try counts from here, whichever process tried
    tried_at     timestamptz not null default clock_timestamp(),
    locked_table text        not null check (locked_table in ('worker', 'bank_account')),
    -- the holder at the last try, for operators: "pid 4711 'platform-web'", or null when unknown
    held_by      text,
    primary key (run_id, worker_id)
);

-- Only adds a table: the previous release's program runs on this schema.
insert into schema_compatibility (version, oldest_program) values ('15', '13');
