-- Where tonight's two kinds of settling lie in the ledger, found by the opening's scan: the
-- highest id among the rewards that expire tonight and the lowest among those the run may pay
-- from (null when the run has none of that kind). After the paying step the night expires
-- rewards by ranges of ids up to the first and, beside it, marks its paid rewards by ranges from
-- the second; where the platform numbers rewards as they are confirmed, the two spans barely
-- overlap, and neither pass reads the other's rows.
-- settling_spans_recorded tells a run that recorded them from one opened by an earlier release,
-- which settles the whole span from its lowest unpaid reward to its watermark, as it always did.
alter table payout_run
    add column last_expiring_reward_id bigint,
    add column first_payable_reward_id bigint,
    add column settling_spans_recorded boolean not null default false;
