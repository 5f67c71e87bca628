-- Before marking a range of rewards paid, the payout job locks the run's payouts FOR KEY SHARE in
-- one sweep, in the order of the table, so that the rewards' foreign-key checks find them locked
-- already and the payout pages are not written whole to the WAL again after every checkpoint
-- (docs/benchmark.md). PostgreSQL allows a row lock only to a role with UPDATE on at least one
-- column of the table: the payout's role gets it on the key alone (config/database/roles.sql), and,
-- as for worker and bank_account (sql/V14), a trigger keeps the key from changing.
create trigger payout_id_is_final
    before update of id on payout
    for each row when (new.id is distinct from old.id)
    execute function key_is_final('id');

-- Only a trigger that refuses what no program does: the previous release runs on this schema.
insert into schema_compatibility (version, oldest_program) values ('19', '17');
