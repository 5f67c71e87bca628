-- Returned transfers (振込不能・組戻し): transfers the receiving bank sent back to the platform.
-- An imported return notice is recorded once (by its sha256); each returned payout once; each
-- return credits the worker with a new reward whose confirmation date is the return date, and
-- flags the account the money came back from. The payout rows themselves never change.

-- A bank file name identifies one run: a return names the file its transfer was in.
create unique index payout_run_bank_file on payout_run (bank_file);

create table return_notice (
    id          bigint generated always as identity primary key,
    sha256      text        not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
    file        text        not null,
    layout      text        not null,
    returned_on date        not null,
    -- true: the worker gets the gross back (fee included); false: the amount transferred
    refund_fee  boolean     not null,
    imported_at timestamptz not null default now(),
    imported_by text        not null
);

create table payout_return (
    id          bigint generated always as identity primary key,
    notice_id   bigint   not null references return_notice (id),
    line_number integer  not null check (line_number > 0),
    -- a payout comes back at most once
    payout_id   bigint   not null unique references payout (id),
    reason_code smallint not null check (reason_code in (1, 2, 3, 4, 9)),
    -- the bank's words, as given; may be empty
    reason_text text     not null,
    unique (notice_id, line_number)
);

-- The account the money came back from, as the worker's bank_account held it when the return
-- was imported (or as the payout recorded it, if bank_account had changed already).
create table returned_account (
    return_id      bigint   primary key references payout_return (id),
    worker_id      bigint   not null references worker (id),
    bank_code      text     not null,
    branch_code    text     not null,
    account_type   smallint not null,
    account_number text     not null,
    payee_name     text     not null
);
create index returned_account_by_worker on returned_account (worker_id);

-- The flags in force: the worker's bank account is still, in every field, one a transfer came
-- back from. The paying step carries such workers forward (ACCOUNT_RETURNED); any change of a
-- field lifts the flag.
create view returned_account_in_use as
select f.*
from returned_account f
join bank_account b on b.worker_id = f.worker_id
    and b.bank_code = f.bank_code and b.branch_code = f.branch_code and b.account_type = f.account_type
    and b.account_number = f.account_number and b.payee_name = f.payee_name;

-- The credit of a return: a reward like any other, which references its return.
alter table reward add column return_id bigint unique references payout_return (id);

-- Only a payout of a completed run can come back, and not before its business date.
create function payout_return_is_of_a_completed_run() returns trigger language plpgsql as $$
declare
    run payout_run;
    returned_on date;
begin
    select r.* into run from payout_run r join payout p on p.run_id = r.id where p.id = new.payout_id;
    select n.returned_on into returned_on from return_notice n where n.id = new.notice_id;
    if run.completed_at is null then
        raise exception 'payout % belongs to the run of %, which has not completed', new.payout_id, run.business_date
            using errcode = 'check_violation';
    end if;
    if returned_on < run.business_date then
        raise exception 'payout % of % cannot come back on %, before it was made', new.payout_id,
            run.business_date, returned_on
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger payout_return_is_of_a_completed_run
    before insert on payout_return
    for each row execute function payout_return_is_of_a_completed_run();

-- A return is a fact: it is never changed or taken back.
create function returned_transfer_is_final() returns trigger language plpgsql as $$
begin
    raise exception '% rows are final and cannot be changed or deleted', tg_table_name
        using errcode = 'check_violation';
end $$;

create trigger return_notice_is_final before update or delete on return_notice
    for each row execute function returned_transfer_is_final();
create trigger payout_return_is_final before update or delete on payout_return
    for each row execute function returned_transfer_is_final();
create trigger returned_account_is_final before update or delete on returned_account
    for each row execute function returned_transfer_is_final();

-- A credit is the returned payout's amount transferred (or its gross, when the notice was
-- imported with refund-fee), for the payout's worker, confirmed on the return date; and it
-- stays the credit of that return.
create function reward_credit_matches_its_return() returns trigger language plpgsql as $$
declare
    expected_yen bigint;
    expected_worker bigint;
    expected_on date;
begin
    if tg_op = 'UPDATE' and old.return_id is distinct from new.return_id then
        raise exception 'reward % cannot change the return it credits', old.id using errcode = 'check_violation';
    end if;
    if new.return_id is null then
        return new;
    end if;
    select case when n.refund_fee then p.gross_yen else p.amount_yen end, p.worker_id, n.returned_on
      into expected_yen, expected_worker, expected_on
    from payout_return x
    join return_notice n on n.id = x.notice_id
    join payout p on p.id = x.payout_id
    where x.id = new.return_id;
    if new.amount_yen <> expected_yen or new.worker_id <> expected_worker or new.confirmed_on <> expected_on then
        raise exception 'the credit of return % must be % yen for worker % confirmed on %', new.return_id,
            expected_yen, expected_worker, expected_on
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger reward_credit_matches_its_return_on_insert
    before insert on reward
    for each row when (new.return_id is not null)
    execute function reward_credit_matches_its_return();
create trigger reward_credit_matches_its_return_on_update
    before update on reward
    for each row when (new.return_id is not null or old.return_id is not null)
    execute function reward_credit_matches_its_return();

-- Checked at commit: every return has its credit and its flagged account, so that no return is
-- recorded without the money going back to the worker.
create function payout_return_is_complete() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from reward where return_id = new.id) then
        raise exception 'return % has no credit', new.id using errcode = 'check_violation';
    end if;
    if not exists (select 1 from returned_account where return_id = new.id) then
        raise exception 'return % has no flagged account', new.id using errcode = 'check_violation';
    end if;
    return null;
end $$;

create constraint trigger payout_return_is_complete
    after insert on payout_return
    deferrable initially deferred
    for each row execute function payout_return_is_complete();
