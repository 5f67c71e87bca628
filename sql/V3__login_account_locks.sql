-- Account locks. login_account is the contract with the login service (it writes it); the
-- lock history and the lock_release_* tables belong to the lock-release job.

create table login_account (
    id              bigint primary key,
    -- null for staff accounts
    worker_id       bigint references worker (id),
    failed_attempts integer not null default 0,
    locked_at       timestamptz,
    lock_reason     text check (lock_reason in ('FAILED_ATTEMPTS', 'ADMIN', 'SECURITY')),
    -- the contract: a lock has both a time and a reason, an unlocked account neither
    check ((locked_at is null) = (lock_reason is null))
);

-- Every lock as it happens, whoever sets it: the escalation rule counts earlier automatic
-- locks, and the login service overwrites locked_at, so only a trigger sees them all.
-- No foreign key: the history outlives a deleted account.
create table login_lock_history (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null,
    locked_at   timestamptz not null,
    lock_reason text        not null check (lock_reason in ('FAILED_ATTEMPTS', 'ADMIN', 'SECURITY')),
    recorded_at timestamptz not null default now()
);

create index login_lock_history_automatic on login_lock_history (account_id, locked_at)
    where lock_reason = 'FAILED_ATTEMPTS';

create function login_lock_history_record() returns trigger language plpgsql as $$
begin
    insert into login_lock_history (account_id, locked_at, lock_reason)
    values (new.id, new.locked_at, new.lock_reason);
    return null;
end $$;

create trigger login_account_locked
    after insert on login_account
    for each row
    when (new.locked_at is not null)
    execute function login_lock_history_record();

-- a new lock, or a lock whose time or reason changed (escalated to SECURITY, say), is a new
-- entry; clearing a lock is not a lock
create trigger login_account_relocked
    after update on login_account
    for each row
    when (new.locked_at is not null
          and (old.locked_at is distinct from new.locked_at or old.lock_reason is distinct from new.lock_reason))
    execute function login_lock_history_record();

-- One row per run of lockReleaseJob; its id is the Spring Batch job instance id, so that a
-- restarted run continues the same row. The counts are filled when the run ends.
create table lock_release_run (
    id                    bigint primary key,
    as_of                 timestamptz not null,
    dry_run               boolean     not null,
    started_at            timestamptz not null default now(),
    finished_at           timestamptz,
    status                text,
    -- why a run stopped without releasing, for the operator (the per-run cap)
    stop_reason           text,
    scanned               integer check (scanned >= 0),
    stale                 integer check (stale >= 0),
    released              integer check (released >= 0),
    not_yet_stale         integer check (not_yet_stale >= 0),
    needs_support         integer check (needs_support >= 0),
    staff_locks_left      integer check (staff_locks_left >= 0),
    changed_while_running integer check (changed_while_running >= 0),
    unique (as_of, dry_run),
    check (scanned = stale + not_yet_stale + needs_support + staff_locks_left),
    check (released + changed_while_running <= stale),
    check (not dry_run or released = 0)
);

-- What a run decided for every lock it read; the release step works from it, so that the
-- per-run cap is checked before anything is released and a dry run can list it.
create table lock_release_plan (
    run_id                  bigint      not null references lock_release_run (id),
    account_id              bigint      not null,
    locked_at               timestamptz not null,
    lock_reason             text        not null check (lock_reason in ('FAILED_ATTEMPTS', 'ADMIN', 'SECURITY')),
    earlier_automatic_locks integer     not null check (earlier_automatic_locks >= 0),
    decision                text        not null check (decision in ('RELEASE', 'NOT_YET_STALE', 'NEEDS_SUPPORT', 'STAFF_LOCK')),
    stale_at                timestamptz,
    outcome                 text check (outcome in ('RELEASED', 'CHANGED_WHILE_RUNNING')),
    primary key (run_id, account_id),
    -- staff locks are never released: the database refuses to plan it
    check ((lock_reason = 'FAILED_ATTEMPTS') = (decision <> 'STAFF_LOCK')),
    check (outcome is null or decision = 'RELEASE'),
    check ((stale_at is not null) = (decision in ('RELEASE', 'NOT_YET_STALE')))
);

-- The audit trail: one row per lock the job released.
create table lock_release_event (
    id          bigint generated always as identity primary key,
    run_id      bigint      not null references lock_release_run (id),
    account_id  bigint      not null,
    lock_reason text        not null check (lock_reason = 'FAILED_ATTEMPTS'),
    locked_at   timestamptz not null,
    released_at timestamptz not null default now(),
    -- a lock is released once, whichever run gets there first
    unique (account_id, locked_at)
);

create index lock_release_event_by_released_at on lock_release_event (released_at);
