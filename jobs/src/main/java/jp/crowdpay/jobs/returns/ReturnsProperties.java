package jp.crowdpay.jobs.returns;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the return notice import ({@code payout.returns.*}). The layout is loaded, and
 * checked, when an import starts: no other command reads it.
 *
 * @param layout    the notice layout {@code <layouts>/<name>.yml}; {@code default} is built in
 * @param refundFee true: a returned payout credits its gross (the fee is refunded); false: the amount transferred
 */
@ConfigurationProperties("payout.returns")
@Validated
public record ReturnsProperties(
        @DefaultValue(ReturnNoticeLayout.DEFAULT) @NotBlank String layout,
        @DefaultValue("./config/return-layouts") @NotNull Path layouts,
        @DefaultValue("false") boolean refundFee) {

    public ReturnsProperties {
        // relative to the working directory; absolute, so that every message names the folder an operator finds
        layouts = layouts == null ? null : layouts.toAbsolutePath().normalize();
    }
}
