-- The night marks the rewards it paid after the paying step, one range of reward ids per
-- transaction, so that each page of reward is changed once, in order, instead of once per chunk
-- of workers whose rewards lie all over the table (docs/benchmark.md). Between the paying step and
-- the marking, a paid worker's rewards are still UNPAID; two rules keep that window safe.

-- Where the marking starts: the lowest id among the rewards unpaid when the run opened (the
-- opening scans the table anyway). Without it the marking would walk every settled reward of
-- the ledger's history. Null for runs opened before it was recorded: they start at min(id).
alter table payout_run add column first_unpaid_reward_id bigint;

-- The rewards marked paid so far and their yen, added to by the statement that marks each range:
-- the marking may be cut short and resumed, or split between threads, and these stay exact.
-- Null for runs opened before they were recorded.
alter table payout_run
    add column marked_rewards bigint check (marked_rewards >= 0),
    add column marked_yen numeric check (marked_yen >= 0);

-- At most one run is unfinished at a time. A second unfinished run would see the first run's
-- paid but not yet marked rewards as unpaid and pay them again; the job refuses to start one
-- (it completes the earlier date first), and the database refuses it too.
create unique index payout_run_one_unfinished on payout_run ((true)) where completed_at is null;
