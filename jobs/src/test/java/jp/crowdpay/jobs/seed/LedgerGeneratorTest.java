package jp.crowdpay.jobs.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator alone: no database, so it can be checked at sizes the database tests avoid. */
class LedgerGeneratorTest {

    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 5, 1);

    @Test
    void theSameSpecAlwaysGeneratesTheSameRows() {
        // given
        LedgerSpec spec = new LedgerSpec(5_000, 40_000, 7, BUSINESS_DATE, Population.REALISTIC);

        // when
        String first = fingerprint(new LedgerGenerator(spec));
        String second = fingerprint(new LedgerGenerator(spec));

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedOrAnotherBusinessDateGeneratesOtherRows() {
        // given
        LedgerSpec spec = new LedgerSpec(500, 5_000, 7, BUSINESS_DATE, Population.REALISTIC);

        // when
        String original = fingerprint(new LedgerGenerator(spec));
        String otherSeed = fingerprint(new LedgerGenerator(
                new LedgerSpec(500, 5_000, 8, BUSINESS_DATE, Population.REALISTIC)));
        String otherDate = fingerprint(new LedgerGenerator(
                new LedgerSpec(500, 5_000, 7, BUSINESS_DATE.plusDays(1), Population.REALISTIC)));

        // then
        assertThat(otherSeed).isNotEqualTo(original);
        assertThat(otherDate).isNotEqualTo(original);
    }

    @Test
    void rewardIdsRunFromOneToTheRequestedTotalInWorkerOrderOldestFirst() {
        // given
        LedgerSpec spec = new LedgerSpec(1_234, 9_999, 42, BUSINESS_DATE, Population.REALISTIC);
        List<long[]> rewards = new ArrayList<>();

        // when
        new LedgerGenerator(spec).rewards((id, worker, amount, confirmedOn) ->
                rewards.add(new long[] {id, worker, confirmedOn.toEpochDay()}));

        // then
        assertThat(rewards).hasSize(9_999);
        for (int i = 0; i < rewards.size(); i++) {
            assertThat(rewards.get(i)[0]).isEqualTo(i + 1);
            if (i > 0 && rewards.get(i)[1] == rewards.get(i - 1)[1]) {
                assertThat(rewards.get(i)[2]).isGreaterThanOrEqualTo(rewards.get(i - 1)[2]);
            } else if (i > 0) {
                assertThat(rewards.get(i)[1]).isGreaterThan(rewards.get(i - 1)[1]);
            }
        }
    }

    @Test
    void theScatteredLayoutNumbersTheSameRewardsInConfirmationOrderAcrossWorkers() {
        // given
        LedgerSpec spec = new LedgerSpec(1_234, 9_999, 42, BUSINESS_DATE, Population.REALISTIC);
        List<long[]> clustered = new ArrayList<>();
        List<long[]> scattered = new ArrayList<>();

        // when
        new LedgerGenerator(spec).rewards(RewardLayout.CLUSTERED, (id, worker, amount, confirmedOn) ->
                clustered.add(new long[] {id, worker, amount, confirmedOn.toEpochDay()}));
        new LedgerGenerator(spec).rewards(RewardLayout.SCATTERED, (id, worker, amount, confirmedOn) ->
                scattered.add(new long[] {id, worker, amount, confirmedOn.toEpochDay()}));

        // then: ids 1..9,999, dates never going back, and the same (worker, amount, date) rows
        assertThat(scattered).hasSize(9_999);
        for (int i = 0; i < scattered.size(); i++) {
            assertThat(scattered.get(i)[0]).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(scattered.get(i)[3]).isGreaterThanOrEqualTo(scattered.get(i - 1)[3]);
            }
        }
        assertThat(rowsWithoutIds(scattered)).isEqualTo(rowsWithoutIds(clustered));
        // then: neighbours rarely share a worker, where the clustered layout keeps them together
        assertThat(neighboursOfOneWorker(scattered)).isLessThan(100);
        assertThat(neighboursOfOneWorker(clustered)).isGreaterThan(8_000);
    }

    @Test
    void theScatteredLayoutIsTheSameWhateverTheBandsItIsSortedIn() {
        // given: bands of 1,000 rewards (240 days cut into 20 bands, each a pass) against one band
        LedgerSpec spec = new LedgerSpec(3_000, 20_000, 7, BUSINESS_DATE, Population.BENCHMARK);
        MessageDigest inBands = sha256();
        MessageDigest atOnce = sha256();

        // when
        new LedgerGenerator(spec).scatteredRewards(1_000, (id, worker, amount, confirmedOn) ->
                update(inBands, id + "," + worker + "," + amount + "," + confirmedOn));
        new LedgerGenerator(spec).scatteredRewards(Integer.MAX_VALUE, (id, worker, amount, confirmedOn) ->
                update(atOnce, id + "," + worker + "," + amount + "," + confirmedOn));

        // then
        assertThat(HexFormat.of().formatHex(inBands.digest())).isEqualTo(HexFormat.of().formatHex(atOnce.digest()));
    }

    private static List<String> rowsWithoutIds(List<long[]> rewards) {
        return rewards.stream().map(r -> r[1] + "," + r[2] + "," + r[3]).sorted().toList();
    }

    private static int neighboursOfOneWorker(List<long[]> rewards) {
        int same = 0;
        for (int i = 1; i < rewards.size(); i++) {
            if (rewards.get(i)[1] == rewards.get(i - 1)[1]) {
                same++;
            }
        }
        return same;
    }

    @Test
    void theBenchmarkPopulationHasOnlyPayableWorkersWithValidAccounts() {
        // given
        LedgerGenerator generator = new LedgerGenerator(LedgerSpec.of(2_000, 42, BUSINESS_DATE, Population.BENCHMARK));
        List<LedgerGenerator.BankAccount> accounts = new ArrayList<>();
        List<LedgerGenerator.Worker> onHold = new ArrayList<>();

        // when
        generator.workers(worker -> {
            if (worker.payoutHold()) {
                onHold.add(worker);
            }
        });
        generator.bankAccounts(accounts::add);

        // then
        assertThat(onHold).isEmpty();
        assertThat(accounts).hasSize(2_000).allMatch(LedgerGenerator.BankAccount::valid)
                .allMatch(account -> account.payeeName().matches("[ｦ-ﾟ ]+"));
    }

    private static String fingerprint(LedgerGenerator generator) {
        MessageDigest digest = sha256();
        generator.workers(worker -> update(digest, worker.toString()));
        generator.bankAccounts(account -> update(digest, account.toString()));
        generator.rewards((id, worker, amount, confirmedOn) -> update(digest, id + "," + worker + "," + amount + "," + confirmedOn));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String row) {
        digest.update((row + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
