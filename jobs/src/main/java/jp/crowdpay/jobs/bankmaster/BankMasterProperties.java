package jp.crowdpay.jobs.bankmaster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of import-banks ({@code payout.bank-master.*}), checked at start.
 *
 * @param maxRemovedPercent the share of the loaded banks, and of the loaded branches, that one
 *                          import may remove without {@code --allow-removals}: banks merge and
 *                          branches close a few at a time, a cut-down file removes many at once
 */
@ConfigurationProperties("payout.bank-master")
@Validated
public record BankMasterProperties(@DefaultValue("3") @Min(0) @Max(100) int maxRemovedPercent) {

    RemovalLimit removalLimit() {
        return new RemovalLimit(maxRemovedPercent);
    }
}
