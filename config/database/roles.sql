-- The database roles of payout-jobs, each with only the grants its commands need; the DBA runs it
-- with psql, as a superuser (or a role that may create roles and is a member of the owner role):
--
--   psql -d payout -v ON_ERROR_STOP=1 -f config/database/roles.sql
--
-- before the first 'migrate' (it creates the roles and lets the owner create the tables), and again
-- after every 'migrate' (it grants on the tables the migrations made). It may run any number of
-- times: each run leaves exactly the grants written here, nothing it granted before and no longer
-- writes. It sets no password: give each login role one (\password), or a certificate. What each
-- role may do and why: docs/database.md.
--
-- Variables (psql -v name=value):
--   prefix      the start of every role name (default payout_jobs_): payout_jobs_owner, ...
--   schema      the schema of the tables (default public)
--   adopt_from  a role that owns the tables now (an earlier release ran migrations as postgres,
--               say): its tables, views, sequences and functions in the schema pass to the owner

\set ON_ERROR_STOP on

\if :{?prefix}
\else
\set prefix payout_jobs_
\endif
\if :{?schema}
\else
\set schema public
\endif

-- owner: owns the schema's tables and is the only role that changes them: 'migrate' (and 'seed',
-- which rebuilds the reward table's indexes around its load, on demo databases only)
\set owner :prefix owner
-- payout: payout, worker, notify-expiring, reissue
\set payout :prefix payout
-- imports: import-returns, returned-accounts, import-banks (operators, with files from the bank),
-- close-month (finance)
\set imports :prefix imports
-- locks: release-locks
\set locks :prefix locks
-- readonly: status, status --check
\set readonly :prefix readonly

begin;

select format('create role %I login', role) from unnest(array[:'owner', :'payout', :'imports', :'locks', :'readonly']) as role
where not exists (select 1 from pg_roles where rolname = role)
\gexec

-- a read-only command cannot write even through a mistake of its own
alter role :"readonly" set default_transaction_read_only = on;

grant connect on database :"DBNAME" to :"owner", :"payout", :"imports", :"locks", :"readonly";
grant usage, create on schema :"schema" to :"owner";
grant usage on schema :"schema" to :"payout", :"imports", :"locks", :"readonly";

\if :{?adopt_from}
select format('alter %s %s owner to %I',
              case c.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence' else 'table' end,
              c.oid::regclass, :'owner')
from pg_class c
where c.relnamespace = :'schema'::regnamespace and c.relowner = :'adopt_from'::regrole
  and c.relkind in ('r', 'p', 'v', 'm', 'S')
  -- an identity column's sequence follows its table
  and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i')
\gexec
select format('alter function %s owner to %I', p.oid::regprocedure, :'owner')
from pg_proc p
where p.pronamespace = :'schema'::regnamespace and p.proowner = :'adopt_from'::regrole
\gexec
\endif

-- The grants name the tables of this schema version: a database not migrated that far yet gets them
-- when the script runs again after 'migrate'.
\set grants_for_version 19
select exists (select 1 from pg_class where relname = 'flyway_schema_history' and relnamespace = :'schema'::regnamespace)
    as has_history \gset
\if :has_history
-- every command reads the history first: before the grants below, a command refuses naming migrate
grant select on table :"schema".flyway_schema_history to :"payout", :"imports", :"locks", :"readonly";
select coalesce(max(string_to_array(version, '.')::int[]) >= string_to_array(:'grants_for_version', '.')::int[], false)
    as migrated
from :"schema".flyway_schema_history where success and version ~ '^[0-9]+(\.[0-9]+)*$' \gset
\else
\set migrated false
\endif
\if :migrated

set local search_path = :"schema";

-- What the roles may do is exactly what follows: whatever an earlier run granted is taken back first.
-- Every table of the schema is named below, a table only the owner uses in a revoke of its own
-- ('revoke all on table x from ...'): RolesScriptTest fails on a table without a decision.
revoke all on all tables in schema :"schema" from :"payout", :"imports", :"locks", :"readonly";
revoke all on all sequences in schema :"schema" from :"payout", :"imports", :"locks", :"readonly";

-- Every command checks the schema version at start.
grant select on table flyway_schema_history, schema_compatibility to :"payout", :"imports", :"locks", :"readonly";

-- The run tables: Spring Batch's job repository. The jobs record their executions (and a launch
-- that finds its job busy reads them to name the run in progress); status reads the executions.
grant select, insert, update on table batch_job_instance, batch_job_execution, batch_job_execution_params,
    batch_job_execution_context, batch_step_execution, batch_step_execution_context to :"payout", :"locks";
grant usage on sequence batch_job_instance_seq, batch_job_execution_seq, batch_step_execution_seq to :"payout", :"locks";
grant select on table batch_job_instance, batch_job_execution, batch_job_execution_params to :"readonly";

-- payout: reads workers and their accounts, locking the rows of a chunk FOR SHARE, which PostgreSQL
-- allows only with UPDATE on a column of the table: the key, which never changes (sql/V14).
grant select, update (id) on table worker to :"payout";
grant select, update (worker_id) on table bank_account to :"payout";
grant select on table bank, bank_branch, bank_master_import, returned_account to :"payout";
-- workers whose rows the platform held are set aside for a later try of the night (sql/V15)
grant select, insert, update, delete on table payout_locked_worker to :"payout";
-- expires and pays rewards: their status only; a credit's trigger reads its return
grant select, update (status, payout_id, expired_by_run_id) on table reward to :"payout";
grant select on table payout_return, return_notice to :"payout";
grant select, insert, update on table payout_run, payout_run_tally to :"payout";
-- no night of a closed month opens or changes: the trigger on payout_run reads the closed months (sql/V16)
grant select on table closed_month to :"payout";
grant select, insert on table payout, payout_exception to :"payout";
-- locks a run's payouts FOR KEY SHARE before marking a range of rewards paid: the key, which a
-- trigger keeps from changing (sql/V19)
grant update (id) on table payout to :"payout";
-- a run's opening counts itself on the guard row (sql/V9)
grant select (runs_opened), update (runs_opened) on table payout_scope_guard to :"payout";
-- reissue records each file it writes again
grant insert on table bank_file_reissue to :"payout";
-- notify-expiring: the notices, and who is locked out, through the views of workers' locks (sql/V14)
grant select, insert on table expiry_notice, expiry_notice_reward, expiry_support_listing to :"payout";
grant select, insert, update (file, file_sha256) on table expiry_notice_batch to :"payout";
grant select on table worker_login_lock, worker_login_lock_history to :"payout";

-- imports: the commands an operator runs to change the books by hand.
-- import-returns: matches returns to payouts, records them, credits the workers and flags
-- the accounts. Imports wait for each other through a SHARE ROW EXCLUSIVE lock on return_notice,
-- which needs UPDATE on it; its trigger refuses any update of a row.
grant select, insert, update on table return_notice to :"imports";
grant select, insert on table payout_return, returned_account to :"imports";
grant select, insert (worker_id, amount_yen, confirmed_on, return_id) on table reward to :"imports";
grant select on table payout_run, payout, bank_account to :"imports";
-- import-banks: replaces the bank master whole, refused while a payout has not completed
grant select, insert, delete on table bank, bank_branch to :"imports";
grant select, insert on table bank_master_import to :"imports";
-- returned-accounts: the flagged accounts compared, as the bank sees them, with the accounts now
-- (the grants of import-returns above cover it)
-- close-month: reads the ledger's history, records the month and its days once, the journal's
-- manifest afterwards; it waits for hand changes in flight through the guard row (sql/V16)
grant select on table payout_run, payout, payout_return, reward to :"imports";
grant select, insert on table closed_month_day to :"imports";
grant select, insert, update (journal_manifest, journal_sha256) on table closed_month to :"imports";
grant select, insert, update on table month_close_guard to :"imports";

-- locks: the login service's locks and its own run, plan and audit trail; nothing of the ledger
grant select, update (locked_at, lock_reason, failed_attempts) on table login_account to :"locks";
grant select on table login_lock_history to :"locks";
grant select, insert, update on table lock_release_run, lock_release_plan to :"locks";
grant select, insert on table lock_release_event to :"locks";

-- readonly: what status shows; no bank account data (payout's account columns, the flagged accounts)
grant select on table payout_run, payout_run_tally, reward, payout_return, return_notice, lock_release_run,
    expiry_notice_batch, expiry_notice, expiry_notice_reward to :"readonly";
grant select (id, run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen) on table payout to :"readonly";
grant select on table closed_month, closed_month_day to :"readonly";
-- the view of flagged accounts that the previous release read: no role of this one reads it
revoke all on table returned_account_in_use from :"payout", :"imports", :"locks", :"readonly";

\else
\echo 'The schema is not at version' :grants_for_version 'yet: run payout-jobs migrate as' :owner 'and then this script again, to grant on its tables.'
\endif

commit;
