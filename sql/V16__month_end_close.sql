-- Month-end close (月次締め): a calendar month's liability to the workers rolled forward by
-- business date, recorded once and never changed; and, once a month is closed, nothing that would
-- change its figures: a night dated in it, a payout of such a night, a reward settled by one.
-- What the figures mean: docs/month-end-close.md.

-- One row per closed month. The figures are proved when the row is written: the roll-forward adds
-- up (with the days of closed_month_day, checked at commit), and its closing equals what the
-- ledger itself shows at the end of the month's last night.
create table closed_month (
    month                         date        primary key check (month = date_trunc('month', month)::date),
    -- the ledger as the close read it: a reward committed later, dated in the month or before it,
    -- is booked by the next close (as arrived after this one), never here
    books_snapshot                pg_snapshot not null,
    -- the latest completed night dated on or before the month's last day: its recorded unpaid
    -- total is the ledger's own figure that the closing is proved against
    last_night_run_id             bigint      not null references payout_run (id),
    -- dates of the month without a night that the operator confirmed as missed for good
    missed_nights                 date[]      not null,
    -- what the workers were owed when the month began (the previous close's closing)
    opening_count                 bigint      not null check (opening_count >= 0),
    opening_yen                   numeric     not null check (opening_yen >= 0),
    -- rewards dated before the month that were committed after the previous close: booked on the
    -- month's first day (confirmed, and re-credited returned transfers apart)
    late_confirmed_count          bigint      not null check (late_confirmed_count >= 0),
    late_confirmed_yen            numeric     not null check (late_confirmed_yen >= 0),
    late_recredited_count         bigint      not null check (late_recredited_count >= 0),
    late_recredited_yen           numeric     not null check (late_recredited_yen >= 0),
    late_recredited_fee_refund_yen numeric    not null check (late_recredited_fee_refund_yen between 0 and late_recredited_yen),
    closing_count                 bigint      not null check (closing_count >= 0),
    closing_yen                   numeric     not null check (closing_yen >= 0),
    -- the proof: the last night's recorded unpaid total, plus the rewards confirmed on or before
    -- the month's last day that it did not cover (committed after it opened)
    night_unpaid_count            bigint      not null,
    night_unpaid_yen              numeric     not null,
    arrived_after_count           bigint      not null check (arrived_after_count >= 0),
    arrived_after_yen             numeric     not null check (arrived_after_yen >= 0),
    -- the journal's account names and tax categories, as the close recorded them: the journal is
    -- written from this row and its days only, so it has the same bytes whatever the settings say later
    liability_account             text        not null,
    bank_account                  text        not null,
    fee_income_account            text        not null,
    forfeited_income_account      text        not null,
    tax_category                  text        not null,
    fee_tax_category              text        not null,
    closed_at                     timestamptz not null default now(),
    closed_by                     text        not null,
    -- set once the journal is in the outbox; never changed afterwards
    journal_manifest              text,
    journal_sha256                text check (journal_sha256 ~ '^[0-9a-f]{64}$'),
    check ((journal_manifest is null) = (journal_sha256 is null)),
    check (closing_count = night_unpaid_count + arrived_after_count),
    check (closing_yen = night_unpaid_yen + arrived_after_yen)
);

-- The movements of each calendar date of a closed month, by business date.
create table closed_month_day (
    business_date             date    primary key,
    month                     date    not null references closed_month (month),
    -- the night of the date; null for a missed night the operator confirmed
    night_run_id              bigint  unique references payout_run (id),
    confirmed_count           bigint  not null check (confirmed_count >= 0),
    confirmed_yen             numeric not null check (confirmed_yen >= 0),
    -- returned transfers credited back to the workers (return date = business date); the part of
    -- it that is a refunded fee (payout.returns.refund-fee) is not cash that came back
    recredited_count          bigint  not null check (recredited_count >= 0),
    recredited_yen            numeric not null check (recredited_yen >= 0),
    recredited_fee_refund_yen numeric not null check (recredited_fee_refund_yen between 0 and recredited_yen),
    payouts                   bigint  not null check (payouts >= 0),
    paid_rewards              bigint  not null check (paid_rewards >= payouts),
    paid_gross_yen            numeric not null check (paid_gross_yen >= 0),
    paid_fee_yen              numeric not null check (paid_fee_yen >= 0),
    paid_transferred_yen      numeric not null check (paid_transferred_yen >= 0),
    expired_count             bigint  not null check (expired_count >= 0),
    expired_yen               numeric not null check (expired_yen >= 0),
    check (business_date >= month and business_date < month + interval '1 month'),
    check (paid_gross_yen = paid_fee_yen + paid_transferred_yen),
    -- a date without a night paid and expired nothing
    check (night_run_id is not null or (payouts = 0 and expired_count = 0))
);

-- Checked at commit: a closed month has a row for each of its days, and its roll-forward adds up
-- to its closing, in rewards and in yen.
create function closed_month_adds_up() returns trigger language plpgsql as $$
declare
    days record;
begin
    select count(*) as dates,
           coalesce(sum(confirmed_count + recredited_count - paid_rewards - expired_count), 0) as count_moved,
           coalesce(sum(confirmed_yen + recredited_yen - paid_gross_yen - expired_yen), 0) as yen_moved
      into days
    from closed_month_day where month = new.month;
    if days.dates <> extract(day from (new.month + interval '1 month' - interval '1 day')) then
        raise exception 'the close of % has % days, not one row per date of the month', to_char(new.month, 'YYYY-MM'), days.dates
            using errcode = 'check_violation';
    end if;
    if new.closing_count <> new.opening_count + new.late_confirmed_count + new.late_recredited_count + days.count_moved
       or new.closing_yen <> new.opening_yen + new.late_confirmed_yen + new.late_recredited_yen + days.yen_moved then
        raise exception 'the close of % does not add up: opening + arrived late + the movements of its days <> closing',
            to_char(new.month, 'YYYY-MM')
            using errcode = 'check_violation';
    end if;
    return null;
end $$;

create constraint trigger closed_month_adds_up
    after insert on closed_month
    deferrable initially deferred
    for each row execute function closed_month_adds_up();

-- A close is final: its days never change, and its row changes only to record its journal once.
create trigger closed_month_day_is_final before update or delete on closed_month_day
    for each row execute function returned_transfer_is_final();

create function closed_month_journal_once() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or old.journal_manifest is not null
       or (new.month, new.books_snapshot::text, new.last_night_run_id, new.missed_nights, new.opening_count,
           new.opening_yen, new.late_confirmed_count, new.late_confirmed_yen, new.late_recredited_count,
           new.late_recredited_yen, new.late_recredited_fee_refund_yen, new.closing_count, new.closing_yen,
           new.night_unpaid_count, new.night_unpaid_yen, new.arrived_after_count, new.arrived_after_yen,
           new.liability_account, new.bank_account, new.fee_income_account, new.forfeited_income_account,
           new.tax_category, new.fee_tax_category, new.closed_at, new.closed_by)
          is distinct from
          (old.month, old.books_snapshot::text, old.last_night_run_id, old.missed_nights, old.opening_count,
           old.opening_yen, old.late_confirmed_count, old.late_confirmed_yen, old.late_recredited_count,
           old.late_recredited_yen, old.late_recredited_fee_refund_yen, old.closing_count, old.closing_yen,
           old.night_unpaid_count, old.night_unpaid_yen, old.arrived_after_count, old.arrived_after_yen,
           old.liability_account, old.bank_account, old.fee_income_account, old.forfeited_income_account,
           old.tax_category, old.fee_tax_category, old.closed_at, old.closed_by) then
        raise exception 'the close of % is final but for recording its journal once', to_char(old.month, 'YYYY-MM')
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger closed_month_journal_once before update or delete on closed_month
    for each row execute function closed_month_journal_once();

-- The last day of the latest closed month; null while no month is closed. Every date on or before
-- it is closed: the months before the first close are in its opening.
create function ledger_closed_through() returns date language sql stable as $$
    select (max(month) + interval '1 month' - interval '1 day')::date from closed_month
$$;

-- One row that a close updates as it records, and that every change others make to settled
-- rewards or payouts locks FOR SHARE first. A close locks the table before it reads the ledger, so
-- it waits for such changes in flight and counts them as they ended up; a later change waits for
-- the close, then sees the closed month and is refused; a repeatable-read transaction whose
-- snapshot predates the close gets a serialization failure instead.
create table month_close_guard (
    only_row boolean primary key default true check (only_row),
    closes   bigint  not null default 0
);
insert into month_close_guard default values;

-- The change named is refused when the night it names is dated in a closed month. Waits first
-- for a close in progress (the guard), so that the close it waited for is seen.
create function refuse_change_by_closed_night(run_id bigint, change text) returns void language plpgsql as $$
declare
    closed_through date;
    night date;
begin
    perform 1 from month_close_guard for share;
    closed_through := ledger_closed_through();
    select r.business_date into night from payout_run r where r.id = run_id;
    if night <= closed_through then
        raise exception '%: the night of % is in a closed month (the books are closed through %), whose figures never change',
            change, night, closed_through
            using errcode = 'check_violation';
    end if;
end $$;

-- A reward settled by hand (or inserted settled) names its night: one dated in a closed month
-- would change that month's figures; settle it with a night of the open month. The payout's own
-- connections are left out (the WHEN clauses): a night settles rewards with its own run only, and
-- no run of a closed month can open or reopen (payout_run_of_an_open_month below).
create function reward_settled_in_an_open_month() returns trigger language plpgsql as $$
begin
    perform refuse_change_by_closed_night(
        coalesce(new.expired_by_run_id, (select p.run_id from payout p where p.id = new.payout_id)),
        format('reward %s can be settled only by a night of the open month', new.id));
    return new;
end $$;

create trigger reward_settled_in_an_open_month
    before update of status on reward
    for each row
    when (old.status = 'UNPAID' and new.status <> 'UNPAID'
          and current_setting('crowdpay.ledger_writer', true) is distinct from 'payout-jobs')
    execute function reward_settled_in_an_open_month();

create trigger reward_inserted_settled_in_an_open_month
    before insert on reward
    for each row
    when (new.status <> 'UNPAID')
    execute function reward_settled_in_an_open_month();

-- The payouts of a closed month's nights are its paid figures.
create function payout_of_an_open_month() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform refuse_change_by_closed_night(old.run_id, format('the payout of worker %s cannot change or go', old.worker_id));
    end if;
    if tg_op <> 'DELETE' then
        perform refuse_change_by_closed_night(new.run_id, format('no payout of worker %s can be written for this night', new.worker_id));
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger payout_of_an_open_month
    before insert or update or delete on payout
    for each row
    when (current_setting('crowdpay.ledger_writer', true) is distinct from 'payout-jobs')
    execute function payout_of_an_open_month();

-- No night dated in a closed month opens, changes (its recorded totals are the proof of the close)
-- or goes away. For every writer: the payout touches these rows a few times a night.
create function payout_run_of_an_open_month() returns trigger language plpgsql as $$
declare
    closed_through date := ledger_closed_through();
    night date := case when tg_op = 'INSERT' then new.business_date else old.business_date end;
begin
    if closed_through is not null and (night <= closed_through
                                       or (tg_op = 'UPDATE' and new.business_date <= closed_through)) then
        raise exception 'the night of % cannot be opened or changed: the books are closed through %',
            least(night, new.business_date), closed_through
            using errcode = 'check_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger payout_run_of_an_open_month
    before insert or update or delete on payout_run
    for each row execute function payout_run_of_an_open_month();

-- Only adds tables, and triggers that refuse what would change a closed month: the previous
-- release's program runs on this schema (it closes no month, so the triggers never refuse it).
insert into schema_compatibility (version, oldest_program) values ('16', '13');
