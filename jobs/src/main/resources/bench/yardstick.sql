-- The nightly payout as plain set-based SQL: the yardstick the benchmark holds the job against.
-- The benchmark runs these statements in order, in ONE transaction, on an identical copy of the
-- job's data, and times each one. :name is a bind parameter. The rules are those of docs/rules.md; the
-- benchmark ledger has no holds and only valid bank accounts, so no account checks appear here.

-- name: open
insert into payout_run (business_date, reward_watermark, scope_snapshot, unpaid_before_count, unpaid_before_yen)
select :businessDate, coalesce(max(id), 0), pg_current_snapshot(),
       count(*) filter (where status = 'UNPAID' and confirmed_on <= :businessDate),
       coalesce(sum(amount_yen) filter (where status = 'UNPAID' and confirmed_on <= :businessDate), 0)
from reward;

-- name: expire
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

-- name: pay
insert into payout (run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen,
                    bank_code, branch_code, account_type, account_number, payee_name)
select run.id, balance.worker_id, balance.reward_count, balance.gross_yen,
       coalesce(fee.fee_yen, :defaultFee), balance.gross_yen - coalesce(fee.fee_yen, :defaultFee),
       b.bank_code, b.branch_code, b.account_type, b.account_number, b.payee_name
from payout_run run
join lateral (
    select r.worker_id, count(*) as reward_count, sum(r.amount_yen) as gross_yen
    from reward r
    join worker w on w.id = r.worker_id
    where r.status = 'UNPAID' and r.confirmed_on <= run.business_date
      and (r.inserted_xid is null and r.id <= run.reward_watermark
           or pg_visible_in_snapshot(r.inserted_xid, run.scope_snapshot))
      and not w.payout_hold
    group by r.worker_id, w.withdrawal_method
    having sum(r.amount_yen) >= case w.withdrawal_method
                                    when 'ON_DEMAND' then :onDemandThreshold
                                    when 'MIN_50000' then :min50000Threshold
                                end) balance on true
join bank_account b on b.worker_id = balance.worker_id
left join unnest(cast(:feeBanks as text[]), cast(:feeYen as bigint[])) as fee (bank_code, fee_yen)
       on fee.bank_code = b.bank_code
where run.business_date = :businessDate
order by balance.worker_id;

-- name: mark
update reward set status = 'PAID', payout_id = p.id
from payout p
join payout_run run on run.id = p.run_id
where run.business_date = :businessDate
  and reward.worker_id = p.worker_id and reward.status = 'UNPAID'
  and reward.confirmed_on <= run.business_date
  and (reward.inserted_xid is null and reward.id <= run.reward_watermark
       or pg_visible_in_snapshot(reward.inserted_xid, run.scope_snapshot));

-- name: file
-- COPY takes no bind parameters; the copy holds a single run, so none is needed.
copy (select bank_code, branch_code, account_type, account_number, payee_name, amount_yen,
             lpad(worker_id::text, 10, '0')
      from payout order by worker_id) to stdout with (format csv);

-- name: close
update payout_run
set (unpaid_after_count, unpaid_after_yen, completed_at) = (
        select count(*), coalesce(sum(amount_yen), 0), now()
        from reward
        where status = 'UNPAID' and confirmed_on <= :businessDate
          and (inserted_xid is null and id <= payout_run.reward_watermark
               or pg_visible_in_snapshot(inserted_xid, payout_run.scope_snapshot)))
where business_date = :businessDate;
