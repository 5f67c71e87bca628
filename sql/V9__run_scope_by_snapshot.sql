-- A run's scope is what the ledger showed when the run opened, whatever ids and commit order
-- other transactions use; and no one but the run changes what is in its scope until it completes.

-- The transaction that inserted each reward, set by the database. A run records the snapshot it
-- opened with and covers the rewards whose inserting transaction that snapshot shows committed:
-- a reward committed later, whatever its id, waits for the next night. Rows inserted before this
-- migration have none (adding the column rewrites nothing); they were all committed before any
-- run that records a snapshot opened, so every such run covers them.
alter table reward add column inserted_xid xid8;
alter table reward alter column inserted_xid set default pg_current_xact_id();

alter table payout_run
    add column scope_snapshot pg_snapshot,
    -- the expiry cut-off the run opened with: rewards confirmed before it expire
    add column expires_confirmed_before date,
    -- workers with unpaid rewards in scope that survive the expiry: each must get an outcome
    add column workers_in_scope bigint check (workers_in_scope >= 0),
    -- sums of bigint amounts can pass the range of bigint
    alter column unpaid_before_yen type numeric,
    alter column expired_yen type numeric,
    alter column unpaid_after_yen type numeric;

alter table payout_run_tally
    alter column balance_yen type numeric,
    -- PAID only: what the night's file transfers so far, for formats that limit a file's total
    add column transferred_yen numeric not null default 0 check (transferred_yen >= 0);

alter table payout_exception alter column balance_yen type numeric;

-- A reward's facts are final: its amount, worker, confirmation date, id and inserting
-- transaction never change, and it is never deleted. Only its status moves, once.
create function reward_facts_are_final() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'reward % cannot be deleted: the ledger keeps every reward', old.id
            using errcode = 'restrict_violation';
    end if;
    raise exception 'reward %: its amount, worker, confirmation date and id never change', old.id
        using errcode = 'check_violation';
end $$;

create trigger reward_facts_are_final
    before update on reward
    for each row
    when (new.id <> old.id or new.worker_id <> old.worker_id or new.amount_yen <> old.amount_yen
          or new.confirmed_on <> old.confirmed_on or new.inserted_xid is distinct from old.inserted_xid)
    execute function reward_facts_are_final();

create trigger reward_is_never_deleted
    before delete on reward
    for each row
    execute function reward_facts_are_final();

-- A forged inserted_xid could put a reward into the scope of a run that never saw it. An AFTER
-- trigger (unlike a BEFORE one) leaves COPY its multi-row inserts; it fires only for forged rows.
create function reward_inserted_xid_is_the_databases() returns trigger language plpgsql as $$
begin
    raise exception 'reward.inserted_xid is set by the database (the inserting transaction); leave it out of the insert'
        using errcode = 'check_violation';
end $$;

create trigger reward_inserted_xid_is_the_databases
    after insert on reward
    for each row
    when (new.inserted_xid is distinct from pg_current_xact_id())
    execute function reward_inserted_xid_is_the_databases();

-- One row that every run's opening updates and every status change by others locks FOR SHARE
-- first. So a run opens only after the status changes in flight have committed (its snapshot
-- counts them as they ended up), a change that comes later sees the run and is refused, and a
-- repeatable-read transaction whose snapshot predates the opening gets a serialization failure
-- instead of changing a reward behind the run's back.
create table payout_scope_guard (
    only_row    boolean primary key default true check (only_row),
    runs_opened bigint  not null default 0
);
insert into payout_scope_guard default values;

-- While a run that covers a reward is unfinished, only that run changes the reward's status:
-- whatever else changed it could make the run's conservation proof fail for good. The payout
-- job's connections name themselves (connection-init-sql); everyone else is refused, with the
-- reward and the run named. The scope is RunScope's (jobs/src/main/java/.../payout/RunScope.java).
create function reward_status_changes_only_through_its_run() returns trigger language plpgsql as $$
declare
    covering record;
begin
    perform 1 from payout_scope_guard for share;
    select r.id, r.business_date into covering
    from payout_run r
    where r.completed_at is null and old.confirmed_on <= r.business_date
      and ((old.inserted_xid is null and old.id <= r.reward_watermark)
           or pg_visible_in_snapshot(old.inserted_xid, r.scope_snapshot))
    order by r.business_date
    limit 1;
    if found then
        raise exception 'reward % is in the scope of payout run % (%), which has not completed: only that run changes its status until then',
            old.id, covering.id, covering.business_date
            using errcode = 'object_in_use';
    end if;
    return new;
end $$;

create trigger reward_status_changes_only_through_its_run
    before update of status on reward
    for each row
    when (old.status = 'UNPAID' and new.status <> 'UNPAID'
          and current_setting('crowdpay.ledger_writer', true) is distinct from 'payout-jobs')
    execute function reward_status_changes_only_through_its_run();
