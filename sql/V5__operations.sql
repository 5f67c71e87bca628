-- Every reissue of a bank file (the bank lost one): when, what, by whom. The ledger itself is
-- never touched by a reissue.
create table bank_file_reissue (
    id          bigint generated always as identity primary key,
    run_id      bigint      not null references payout_run (id),
    file        text        not null,
    sha256      text        not null,
    reissued_at timestamptz not null default now(),
    reissued_by text        not null
);
