-- Strict banks: the Zengin names of the master hold only the characters of a Zengin bank-name
-- field, and the master cannot change under a payout that has not completed. The lock release:
-- a lock it cannot judge is planned as such, reported, and left alone.

-- The bank-name and branch-name fields take half-width katakana but ｦ (U+FF71-U+FF9F: ｱ-ﾝ and
-- the voiced marks ﾞ ﾟ), A-Z, 0-9 and '-'. Names made by earlier imports followed the payee-name
-- set, which adds the space and ( ) . /: those are dropped, as the import now does, and ｦ is
-- written ｵ, as banks read it. Payouts keep the names they were made with, so that a reissued
-- file has the bytes of the original.
update bank
set zengin_name = nullif(regexp_replace(translate(zengin_name, 'ｦ', 'ｵ'), '[^ｱ-ﾟA-Z0-9-]', '', 'g'), '')
where zengin_name !~ '^[ｱ-ﾟA-Z0-9-]+$';
update bank_branch
set zengin_name = nullif(regexp_replace(translate(zengin_name, 'ｦ', 'ｵ'), '[^ｱ-ﾟA-Z0-9-]', '', 'g'), '')
where zengin_name !~ '^[ｱ-ﾟA-Z0-9-]+$';

alter table bank add constraint bank_zengin_name_characters check (zengin_name ~ '^[ｱ-ﾟA-Z0-9-]+$');
alter table bank_branch add constraint bank_branch_zengin_name_characters check (zengin_name ~ '^[ｱ-ﾟA-Z0-9-]+$');

-- A payout uses one version of the master from its start to its end, across a crash and the run
-- that continues it: while a payout_run has not completed, the master is not changed. import-banks
-- checks the same before it starts, and takes a lock that a running payout shares, for the run
-- that has not written its payout_run yet.
create function bank_master_unchanged_during_payout() returns trigger language plpgsql as $$
declare
    unfinished date;
begin
    select min(business_date) into unfinished from payout_run where completed_at is null;
    if unfinished is not null then
        raise exception 'the bank master cannot change while the payout of % has not completed', unfinished
            using errcode = 'object_in_use';
    end if;
    return null;
end $$;

create trigger bank_unchanged_during_payout
    before insert or update or delete on bank
    for each statement execute function bank_master_unchanged_during_payout();

create trigger bank_branch_unchanged_during_payout
    before insert or update or delete on bank_branch
    for each statement execute function bank_master_unchanged_during_payout();

-- CANNOT_JUDGE: an automatic lock at no point in time (locked_at infinity or -infinity), with
-- the reason; never released, counted in the run.
alter table lock_release_plan
    add column problem text,
    drop constraint lock_release_plan_decision_check,
    add constraint lock_release_plan_decision_check
        check (decision in ('RELEASE', 'NOT_YET_STALE', 'NEEDS_SUPPORT', 'STAFF_LOCK', 'CANNOT_JUDGE')),
    add constraint lock_release_plan_problem_check check ((problem is not null) = (decision = 'CANNOT_JUDGE'));

alter table lock_release_run
    add column cannot_judge integer check (cannot_judge >= 0),
    drop constraint lock_release_run_check;

update lock_release_run set cannot_judge = 0 where scanned is not null;

alter table lock_release_run
    add constraint lock_release_run_check
        check (scanned = stale + not_yet_stale + needs_support + staff_locks_left + cannot_judge);
