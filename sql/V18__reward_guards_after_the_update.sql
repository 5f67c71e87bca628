-- The reward's update guards fire after the row is written instead of before: the same checks,
-- the same errors, the same statement rolled back when one refuses.
--
-- Why: PostgreSQL locks the old row of every update that has a BEFORE ROW trigger on the table,
-- whatever the trigger's WHEN says, so that the trigger reads a row nobody changes meanwhile
-- (GetTupleForTrigger). Each such lock is a WAL record of its own, and the first change of a page
-- after a checkpoint writes the page's image with it. These guards only refuse, they never change
-- the new row, so they need no lock: run after the update, a guard whose WHEN is false costs
-- nothing. Measured on a 2M-reward night (pg_waldump of the WAL between its first and its last
-- step): 3.66M lock records on reward for 1.83M rewards settled, 48 % of the night's WAL with
-- their page images, one per reward from these triggers and one from the update itself (the new
-- row version goes to another page).
--
-- The guard of a status change by others (reward_status_changes_only_through_its_run) still takes
-- payout_scope_guard FOR SHARE before its statement ends, and so before its transaction commits:
-- a run still opens only after the changes in flight have committed, and a change that comes
-- later still sees the run.

drop trigger reward_settled_is_final on reward;
create trigger reward_settled_is_final
    after update on reward
    for each row
    when (old.status <> 'UNPAID')
    execute function reward_settled_is_final();

drop trigger reward_credit_matches_its_return_on_update on reward;
create trigger reward_credit_matches_its_return_on_update
    after update on reward
    for each row when (new.return_id is not null or old.return_id is not null)
    execute function reward_credit_matches_its_return();

drop trigger reward_facts_are_final on reward;
create trigger reward_facts_are_final
    after update on reward
    for each row
    when (new.id <> old.id or new.worker_id <> old.worker_id or new.amount_yen <> old.amount_yen
          or new.confirmed_on <> old.confirmed_on or new.inserted_xid is distinct from old.inserted_xid)
    execute function reward_facts_are_final();

drop trigger reward_status_changes_only_through_its_run on reward;
create trigger reward_status_changes_only_through_its_run
    after update of status on reward
    for each row
    when (old.status = 'UNPAID' and new.status <> 'UNPAID'
          and current_setting('crowdpay.ledger_writer', true) is distinct from 'payout-jobs')
    execute function reward_status_changes_only_through_its_run();

drop trigger reward_settled_in_an_open_month on reward;
create trigger reward_settled_in_an_open_month
    after update of status on reward
    for each row
    when (old.status = 'UNPAID' and new.status <> 'UNPAID'
          and current_setting('crowdpay.ledger_writer', true) is distinct from 'payout-jobs')
    execute function reward_settled_in_an_open_month();

-- Only the timing of guards changes: the previous release runs on this schema as it did.
insert into schema_compatibility (version, oldest_program) values ('18', '17');
