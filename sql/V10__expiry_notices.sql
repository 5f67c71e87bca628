-- Expiry notices (出金期限のお知らせ): after the payout of a date, the workers whose earliest
-- pending deadline comes within a threshold are warned. A night's notices are recorded in one
-- transaction with their batch, and the notice file is written from these rows only, so that a
-- night run again, or continued after a crash, writes the same bytes.

-- One row per business date whose notices were recorded (possibly none).
create table expiry_notice_batch (
    id            bigint generated always as identity primary key,
    business_date date        not null unique,
    -- the completed payout the notices describe
    payout_run_id bigint      not null unique references payout_run (id),
    -- the thresholds in force, in days, smallest first
    thresholds    integer[]   not null check (cardinality(thresholds) > 0),
    -- the rewards' withdrawal period the night counted with
    deadline_days integer     not null check (deadline_days > 0),
    recorded_at   timestamptz not null default now(),
    -- set once the file is in the outbox; never changed afterwards
    file          text,
    file_sha256   text check (file_sha256 ~ '^[0-9a-f]{64}$'),
    check ((file is null) = (file_sha256 is null))
);

create table expiry_notice (
    id                bigint generated always as identity primary key,
    batch_id          bigint  not null references expiry_notice_batch (id),
    worker_id         bigint  not null references worker (id),
    business_date     date    not null,
    earliest_deadline date    not null,
    days_left         integer not null check (days_left >= 0),
    threshold_days    integer not null check (threshold_days > 0 and days_left <= threshold_days),
    yen_at_risk       numeric not null check (yen_at_risk > 0),
    reason            text    not null,
    login_locked      boolean not null,
    check (earliest_deadline = business_date + days_left),
    -- at most one notice per worker per night ...
    unique (batch_id, worker_id),
    -- ... and never twice the same warning
    unique (worker_id, threshold_days, earliest_deadline)
);

-- The locked-out workers listed for support on a night: yen at risk within the smallest
-- threshold, and a lock the lock release never lifts. Listed every night until resolved, with or
-- without a new notice that night.
create table expiry_support_listing (
    batch_id          bigint  not null references expiry_notice_batch (id),
    worker_id         bigint  not null references worker (id),
    earliest_deadline date    not null,
    days_left         integer not null check (days_left >= 0),
    yen_at_risk       numeric not null check (yen_at_risk > 0),
    lock_reason       text    not null,
    support_lock      text    not null check (support_lock in ('NEEDS_SUPPORT', 'STAFF_LOCK', 'CANNOT_JUDGE')),
    primary key (batch_id, worker_id)
);

-- The rewards a notice warned about (those making up its yen at risk): what status compares
-- the expired rewards with.
create table expiry_notice_reward (
    notice_id bigint not null references expiry_notice (id),
    reward_id bigint not null references reward (id),
    primary key (notice_id, reward_id)
);

create index expiry_notice_reward_by_reward on expiry_notice_reward (reward_id);

-- A notice sent is a fact: it is never changed or taken back (the returns' function refuses
-- any change of a row, naming its table).
create trigger expiry_notice_is_final before update or delete on expiry_notice
    for each row execute function returned_transfer_is_final();
create trigger expiry_notice_reward_is_final before update or delete on expiry_notice_reward
    for each row execute function returned_transfer_is_final();
create trigger expiry_support_listing_is_final before update or delete on expiry_support_listing
    for each row execute function returned_transfer_is_final();

-- A batch's facts never change; only its file is recorded, once.
create function expiry_notice_batch_file_once() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or old.file is not null
       or (new.id, new.business_date, new.payout_run_id, new.thresholds, new.deadline_days, new.recorded_at)
          is distinct from (old.id, old.business_date, old.payout_run_id, old.thresholds, old.deadline_days, old.recorded_at) then
        raise exception 'expiry notice batch % is final but for recording its file once', old.id
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger expiry_notice_batch_file_once before update or delete on expiry_notice_batch
    for each row execute function expiry_notice_batch_file_once();
