-- A reward credits at most one return, and most rewards credit none. A unique constraint indexes
-- every row, NULLs included, so each reward the night marks paid or expired (an update that
-- cannot be HOT: status is in the partial indexes' predicate) also inserted an entry into it.
-- A partial unique index enforces the same rule and holds only the credits: a fifth less WAL
-- per reward marked (docs/benchmark.md). The name stays, so a duplicate credit is refused with
-- the same message; the foreign key to payout_return is unchanged.
alter table reward drop constraint reward_return_id_key;
create unique index reward_return_id_key on reward (return_id) where return_id is not null;
