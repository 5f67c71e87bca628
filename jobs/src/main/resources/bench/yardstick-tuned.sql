-- The nightly payout as set-based SQL tuned as a DBA would: the second yardstick. The same rules,
-- statements and results as yardstick.sql (the same expiry, the same payouts by GROUP BY, the same
-- rewards marked paid, the same bank file, byte for byte), run the same way: in order, in ONE
-- transaction, on an identical copy of the job's data, each statement timed. A statement may be
-- several SQL commands; :name is a bind parameter.
--
-- What is tuned: every pass over the reward ledger is a sequential scan in physical order, joined
-- by hashing, never a nested loop probing the partial indexes reward by reward (on the platform's
-- layout a worker's rewards lie on as many pages as he has rewards); the workers paid tonight sit
-- in a small temporary table, analyzed, so that the planner hashes them; work_mem is large enough
-- to hold that hash, and the balances' aggregate, in memory. Index scans stay allowed where a
-- statement inserts or marks: the foreign-key checks of each inserted or marked row are queries
-- of their own, planned with the transaction's settings, and each must find one row by its key.

-- name: settings
set local work_mem = '256MB';
set local enable_nestloop = off;
set local enable_mergejoin = off;
set local enable_bitmapscan = off;

-- name: open
insert into payout_run (business_date, reward_watermark, scope_snapshot, unpaid_before_count, unpaid_before_yen)
select :businessDate, coalesce(max(id), 0), pg_current_snapshot(),
       count(*) filter (where status = 'UNPAID' and confirmed_on <= :businessDate),
       coalesce(sum(amount_yen) filter (where status = 'UNPAID' and confirmed_on <= :businessDate), 0)
from reward;

-- name: expire
-- The check of expired_by_run_id reads payout_run, the benchmark's one row: a scan of one page.
set local enable_indexscan = off;
with expired as (
    update reward set status = 'EXPIRED', expired_by_run_id = run.id
    from payout_run run
    where run.business_date = :businessDate
      and reward.status = 'UNPAID' and reward.confirmed_on < :expiredIfConfirmedBefore
      and (reward.inserted_xid is null and reward.id <= run.reward_watermark
           or pg_visible_in_snapshot(reward.inserted_xid, run.scope_snapshot))
    returning reward.amount_yen)
update payout_run
set expired_count = (select count(*) from expired),
    expired_yen = (select coalesce(sum(amount_yen), 0) from expired)
where business_date = :businessDate;

-- name: balances
create temporary table due on commit drop as
select r.worker_id, count(*) as reward_count, sum(r.amount_yen) as gross_yen
from reward r
join worker w on w.id = r.worker_id
join payout_run run on run.business_date = :businessDate
where r.status = 'UNPAID' and r.confirmed_on <= run.business_date
  and (r.inserted_xid is null and r.id <= run.reward_watermark
       or pg_visible_in_snapshot(r.inserted_xid, run.scope_snapshot))
  and not w.payout_hold
group by r.worker_id, w.withdrawal_method
having sum(r.amount_yen) >= case w.withdrawal_method
                                when 'ON_DEMAND' then :onDemandThreshold
                                when 'MIN_50000' then :min50000Threshold
                            end;
analyze due;

-- name: pay
-- Each payout's checks of run_id and worker_id find their row by its key.
set local enable_indexscan = on;
create temporary table paid (worker_id bigint not null, payout_id bigint not null) on commit drop;
with inserted as (
    insert into payout (run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen,
                        bank_code, branch_code, account_type, account_number, payee_name)
    select run.id, due.worker_id, due.reward_count, due.gross_yen,
           coalesce(fee.fee_yen, :defaultFee), due.gross_yen - coalesce(fee.fee_yen, :defaultFee),
           b.bank_code, b.branch_code, b.account_type, b.account_number, b.payee_name
    from due
    join payout_run run on run.business_date = :businessDate
    join bank_account b on b.worker_id = due.worker_id
    left join unnest(cast(:feeBanks as text[]), cast(:feeYen as bigint[])) as fee (bank_code, fee_yen)
           on fee.bank_code = b.bank_code
    order by due.worker_id
    returning worker_id, id)
insert into paid select worker_id, id from inserted;
analyze paid;

-- name: mark
-- The sequential scan is the planner's choice by cost once nested loops and bitmaps are off; index
-- scans stay on for the check of each marked reward's payout_id.
update reward set status = 'PAID', payout_id = paid.payout_id
from paid
join payout_run run on run.business_date = :businessDate
where reward.worker_id = paid.worker_id and reward.status = 'UNPAID'
  and reward.confirmed_on <= run.business_date
  and (reward.inserted_xid is null and reward.id <= run.reward_watermark
       or pg_visible_in_snapshot(reward.inserted_xid, run.scope_snapshot));

-- name: file
-- COPY takes no bind parameters; the copy holds a single run, so none is needed.
copy (select bank_code, branch_code, account_type, account_number, payee_name, amount_yen,
             lpad(worker_id::text, 10, '0')
      from payout order by worker_id) to stdout with (format csv);

-- name: close
set local enable_indexscan = off;
update payout_run
set (unpaid_after_count, unpaid_after_yen, completed_at) = (
        select count(*), coalesce(sum(amount_yen), 0), now()
        from reward
        where status = 'UNPAID' and confirmed_on <= :businessDate
          and (inserted_xid is null and id <= payout_run.reward_watermark
               or pg_visible_in_snapshot(inserted_xid, payout_run.scope_snapshot)))
where business_date = :businessDate;
