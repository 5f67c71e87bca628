-- Each job runs as a database role with only the grants it needs (config/database/roles.sql), and
-- the program before this one can run again on a migrated database, so that a rollback of the jar
-- needs no restore (docs/deployment.md). Everything here adds; nothing the previous program uses
-- changes.

-- Whether a program that knows an older schema still runs once a migration is applied. Every
-- migration from this one on records itself: expand-only migrations (new tables, new columns the
-- older program need not fill, new views) keep the previous program's schema; one that removes or
-- changes what an older program uses records its own version. A program started on a schema newer
-- than it knows runs only if the newest applied migration names a version it knows; without a row
-- it is refused, as before this table existed.
create table schema_compatibility (
    -- a migration, as flyway_schema_history records its version
    version       text primary key,
    -- the oldest program, by the newest migration it ships, that still runs with this one applied
    oldest_program text not null
);

insert into schema_compatibility (version, oldest_program) values ('14', '13');

-- The expiry notices tell whether a worker's login is locked and whether the lock release will
-- ever lift the lock. The payout's role may not read the login service's tables (failed attempts,
-- staff accounts), only this: the locks of workers' accounts and their history. security_barrier:
-- the view's own conditions apply before any a caller adds.
create view worker_login_lock with (security_barrier) as
select a.worker_id, a.id as account_id, a.locked_at, a.lock_reason
from login_account a
where a.worker_id is not null and a.locked_at is not null;

create view worker_login_lock_history with (security_barrier) as
select h.account_id, h.locked_at, h.lock_reason
from login_lock_history h
where exists (select 1 from login_account a where a.id = h.account_id and a.worker_id is not null);

-- The paying step reads worker and bank_account rows FOR SHARE, which PostgreSQL allows only to a
-- role with UPDATE on at least one column of the table. The payout's role gets it on the key
-- column alone, and the key never changes: a bank account never moves to another worker, a worker
-- keeps their id. Column-specific triggers: an update of any other column does not fire them.
create function key_is_final() returns trigger language plpgsql as $$
begin
    raise exception '%.% is the row''s key and never changes', tg_table_name, tg_argv[0]
        using errcode = 'check_violation';
end $$;

create trigger worker_id_is_final
    before update of id on worker
    for each row when (new.id is distinct from old.id)
    execute function key_is_final('id');

create trigger bank_account_worker_is_final
    before update of worker_id on bank_account
    for each row when (new.worker_id is distinct from old.worker_id)
    execute function key_is_final('worker_id');
