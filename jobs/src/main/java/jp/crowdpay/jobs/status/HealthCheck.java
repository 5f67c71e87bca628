package jp.crowdpay.jobs.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status --check} requires of a healthy schedule: the latest payout run did not end
 * badly, a payout run completed within {@code payoutMaxAge}, and a lock release (not a dry run)
 * completed within {@code locksMaxAge}; the expiry notices of the latest completed night written
 * within {@code noticesMaxDelay} of its end; no bank file left in the outbox (not taken by the
 * bank) longer than {@code bankFileMaxAge}. A payout that runs right now is not a failure: the
 * age rule catches one that runs for too long.
 */
public record HealthCheck(Duration payoutMaxAge, Duration locksMaxAge, Duration noticesMaxDelay, Duration bankFileMaxAge) {

    /**
     * What the check looked at. Ages compare instants; {@code zone} is only how a time is printed.
     *
     * @param latestPayout        the payout run of the newest business date, empty when there is none
     * @param payoutRunsNow       whether a process holds the payout's run lock right now
     * @param lastPayoutCompleted when the newest completed payout run ended, empty when none did
     * @param lastLockRelease     when the newest completed lock release (not a dry run) ended, empty when none did
     * @param latestNight         the newest night whose payout completed, empty when none did
     * @param outbox              the oldest bank file still in the outbox, or why the outbox cannot be read
     * @param zone                the business zone, payout.zone
     */
    public record Seen(Optional<LatestRun> latestPayout, boolean payoutRunsNow, Optional<Instant> lastPayoutCompleted,
                       Optional<Instant> lastLockRelease, Optional<CompletedNight> latestNight, Outbox outbox,
                       Instant now, ZoneId zone) {
    }

    public record LatestRun(LocalDate businessDate, String status) {
    }

    /** @param noticesWritten whether the night's expiry notice file is in the outbox */
    public record CompletedNight(LocalDate businessDate, Instant completed, boolean noticesWritten) {
    }

    /**
     * @param oldestBankFile the oldest bank file still in the outbox and when it was written, empty when none is
     * @param unreadable     why the outbox could not be looked at, empty when it could
     */
    public record Outbox(Optional<WaitingFile> oldestBankFile, Optional<String> unreadable) {
    }

    public record WaitingFile(String name, Instant written) {
    }

    /** Everything wrong, in one line; empty when the schedule is healthy. */
    public Optional<String> problems(Seen seen) {
        List<String> problems = new ArrayList<>();
        seen.latestPayout().ifPresent(latest -> {
            boolean unfinished = latest.status().equals("STARTED") || latest.status().equals("STOPPING");
            if (unfinished && !seen.payoutRunsNow()) {
                problems.add("latest payout run (" + latest.businessDate() + ") " + latest.status()
                        + " but no process runs it (killed?)");
            } else if (!unfinished && !latest.status().equals("COMPLETED")) {
                problems.add("latest payout run (" + latest.businessDate() + ") " + latest.status());
            }
        });
        tooOld("payout run", payoutMaxAge, seen.lastPayoutCompleted(), seen).ifPresent(problems::add);
        tooOld("lock release", locksMaxAge, seen.lastLockRelease(), seen).ifPresent(problems::add);
        seen.latestNight().filter(night -> !night.noticesWritten()
                        && Duration.between(night.completed(), seen.now()).compareTo(noticesMaxDelay) > 0)
                .ifPresent(night -> problems.add("no expiry notices for " + night.businessDate() + ", whose payout completed "
                        + ago(night.completed(), seen.now()) + " (more than " + format(noticesMaxDelay) + ")"));
        seen.outbox().unreadable().ifPresent(why -> problems.add("cannot look at the outbox: " + why));
        seen.outbox().oldestBankFile()
                .filter(file -> Duration.between(file.written(), seen.now()).compareTo(bankFileMaxAge) > 0)
                .ifPresent(file -> problems.add("bank file " + file.name() + " is still in the outbox, written "
                        + ago(file.written(), seen.now()) + " (more than " + format(bankFileMaxAge)
                        + "): the bank has not taken it"));
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** The one line a healthy schedule gets. */
    public String summary(Seen seen) {
        return "check passed: " + seen.latestPayout().map(run -> "payout " + run.businessDate() + " " + run.status()).orElse("payout")
                + ", completed " + ago(seen.lastPayoutCompleted().orElseThrow(), seen.now())
                + "; lock release completed " + ago(seen.lastLockRelease().orElseThrow(), seen.now());
    }

    private static Optional<String> tooOld(String what, Duration maxAge, Optional<Instant> ended, Seen seen) {
        if (ended.isEmpty()) {
            return Optional.of("no " + what + " has completed");
        }
        if (Duration.between(ended.get(), seen.now()).compareTo(maxAge) > 0) {
            return Optional.of("no " + what + " completed in the last " + format(maxAge) + " (the latest ended "
                    + ago(ended.get(), seen.now()) + ", at " + ShownTime.of(ended.get(), seen.zone()) + ")");
        }
        return Optional.empty();
    }

    private static String ago(Instant then, Instant now) {
        return format(Duration.between(then, now).withNanos(0)) + " ago";
    }

    /** 26h, 15m, 1h30m, 45s: as the options are written. */
    static String format(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
