-- Where a run marks the rewards it paid, chosen when it opens and kept, so that a restart marks
-- the same way as the chunks that committed before it:
--   IN_CHUNKS  each paying chunk marks its own workers' rewards in its own transaction, which
--              pays where a chunk's rewards lie on neighbouring pages (ids that follow workers);
--   BY_RANGES  a step after the paying step marks them by ranges of reward ids, which pays where
--              every worker's rewards are scattered over the table (ids that follow time).
-- Null for runs opened before the choice was recorded: they mark by ranges.
alter table payout_run add column marks_paid text check (marks_paid in ('IN_CHUNKS', 'BY_RANGES'));

-- PAID row only: the rewards, and their yen, that the paying chunks of an IN_CHUNKS run marked
-- paid, added to by each chunk; the run's marked totals are taken from here once the paying step
-- is done. Not kept on payout_run: a row that every chunk updates keeps every version while the
-- paying step's reader holds its snapshot, and the check of each payout inserted (its run_id)
-- would walk all of them, a cost that grows with every chunk.
alter table payout_run_tally
    add column marked_rewards bigint not null default 0 check (marked_rewards >= 0),
    add column marked_yen numeric not null default 0 check (marked_yen >= 0),
    add constraint payout_run_tally_marked_only_when_paid
        check (outcome = 'PAID' or (marked_rewards = 0 and marked_yen = 0));
