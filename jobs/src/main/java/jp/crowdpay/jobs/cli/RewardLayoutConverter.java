package jp.crowdpay.jobs.cli;

import jp.crowdpay.jobs.seed.RewardLayout;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --layout scattered|clustered}: lower case on the command line, as the documentation writes it. */
final class RewardLayoutConverter implements ITypeConverter<RewardLayout> {

    @Override
    public RewardLayout convert(String value) {
        for (RewardLayout layout : RewardLayout.values()) {
            if (layout.name().equalsIgnoreCase(value)) {
                return layout;
            }
        }
        throw new TypeConversionException("expected scattered or clustered, not '" + value + "'");
    }
}
