-- Each job runs as a database role with only the grants it needs (config/database/roles.sql), and
-- the program before this one can run again on a migrated database, so that a rollback of the jar
-- needs no restore (docs/deployment.md). Everything here adds; nothing the previous program uses
-- changes.

-- Whether a program that knows an older schema still runs once a migration is applied. Every
-- migration from this one on records itself: expand-only migrations (new tables, new columns the
-- older program need not fill, new views) keep the previous program's schema; one that removes or
-- changes what an older program uses records its own version. A program started on a schema newer
-- than it knows runs only if the newest applied migration names a version it knows; without a row
-- it is refused, as before this table existed.
create table schema_compatibility (
    -- a migration, as flyway_schema_history records its version
    version       text primary key,
    -- the oldest program, by the newest migration it ships, that still runs with this one applied
    oldest_program text not null
);

insert into schema_compatibility (version, oldest_program) values ('14', '13');
