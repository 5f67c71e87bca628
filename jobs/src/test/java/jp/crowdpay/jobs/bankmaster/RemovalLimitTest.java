package jp.crowdpay.jobs.bankmaster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemovalLimitTest {

    private final RemovalLimit threePercent = new RemovalLimit(3);

    @Test
    void removingExactlyThreePercentOfBanksIsAllowedAndOneMoreIsNot() {
        // given 100 banks with 1,000 branches, none of the removed banks' branches counted here
        BankMasterChanges three = new BankMasterChanges(0, 0, 3, 0, 0, 0);
        BankMasterChanges four = new BankMasterChanges(0, 0, 4, 0, 0, 0);
        // when / then
        assertThat(threePercent.refusal(three, 100, 1_000)).isEmpty();
        assertThat(threePercent.refusal(four, 100, 1_000)).hasValue("it would remove 4 of 100 (4.0%) banks and 0 of 1,000"
                + " (0.0%) branches, more than the 3% that payout.bank-master.max-removed-percent allows");
    }

    @Test
    void removingJustOverThreePercentOfBranchesIsRefusedWithTheShareRoundedDown() {
        // given 7 of 200 branches: 3.5 %
        BankMasterChanges changes = new BankMasterChanges(0, 0, 0, 0, 0, 7);
        // when / then
        assertThat(threePercent.refusal(changes, 10, 200)).get().asString().contains("7 of 200 (3.5%) branches");
        assertThat(new RemovalLimit(4).refusal(changes, 10, 200)).isEmpty();
    }

    @Test
    void aFirstImportRemovesNothingAndZeroPercentRefusesAnyRemoval() {
        // given
        BankMasterChanges firstImport = new BankMasterChanges(1_146, 0, 0, 28_944, 0, 0);
        BankMasterChanges oneBranch = new BankMasterChanges(0, 0, 0, 0, 0, 1);
        // when / then
        assertThat(threePercent.refusal(firstImport, 0, 0)).isEmpty();
        assertThat(new RemovalLimit(0).refusal(oneBranch, 1_146, 28_944)).isPresent();
        assertThat(new RemovalLimit(100).refusal(new BankMasterChanges(0, 0, 1_146, 0, 0, 28_944), 1_146, 28_944)).isEmpty();
    }
}
