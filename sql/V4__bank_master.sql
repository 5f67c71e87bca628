-- The bank master: banks and branches with their kana names, replaced whole by each
-- `import-banks` run from the zengin-code data set. The payout job checks accounts against it
-- (when it holds any bank) and copies the Zengin names onto each payout.

create table bank (
    code        text primary key check (code ~ '^[0-9]{4}$'),
    name        text not null,
    kana        text not null,
    -- half-width, at most 15 characters, as a Zengin record carries it; null when the kana has
    -- characters the bank's set lacks: the record then leaves the name blank
    zengin_name text check (length(zengin_name) between 1 and 15)
);

create table bank_branch (
    bank_code   text not null references bank (code) on delete cascade,
    code        text not null check (code ~ '^[0-9]{3}$'),
    name        text not null,
    kana        text not null,
    zengin_name text check (length(zengin_name) between 1 and 15),
    primary key (bank_code, code)
);

-- One row per import: what was loaded, from where, and what it changed.
create table bank_master_import (
    id               bigint generated always as identity primary key,
    imported_at      timestamptz not null default now(),
    file             text        not null,
    banks            integer     not null,
    branches         integer     not null,
    banks_added      integer     not null,
    banks_changed    integer     not null,
    banks_removed    integer     not null,
    branches_added   integer     not null,
    branches_changed integer     not null,
    branches_removed integer     not null,
    names_unconverted integer    not null
);

-- The names as the master had them when the payout was made: a bank file reissued after a
-- later import must come out with the same bytes. Null when no master was loaded.
alter table payout
    add column bank_name_kana   text check (length(bank_name_kana) between 1 and 15),
    add column branch_name_kana text check (length(branch_name_kana) between 1 and 15);
