package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"--spring.datasource.password", "--db-password", "PASSWORD", "--passwd", "--client-secret",
            "--api-token", "--Api-Key", "spring.rabbitmq.password", "--credentials"})
    void namesThatSayTheyHoldASecret(String name) {
        assertThat(Secrets.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--date", "--as-of", "--dry-run", "payout.outbox", "--passage"})
    void namesThatDoNot(String name) {
        assertThat(Secrets.isSecretName(name)).isFalse();
    }

    @Test
    void aUrlsPasswordIsMaskedWhereverItStandsAndUserInfoToo() {
        assertThat(Secrets.mask("Failed to get driver instance for jdbcUrl=jdbc:postgresql://db/payout?user=a&password=s3cret&ssl=true"))
                .isEqualTo("Failed to get driver instance for jdbcUrl=jdbc:postgresql://db/payout?user=a&password=(not shown)&ssl=true");
        assertThat(Secrets.mask("jdbc:postgresql://db/payout?PASSWORD=s3cret")).isEqualTo("jdbc:postgresql://db/payout?PASSWORD=(not shown)");
        assertThat(Secrets.mask("postgresql://payout:s3cret@db/payout")).isEqualTo("postgresql://payout:(not shown)@db/payout");
        assertThat(Secrets.mask("no url here")).isEqualTo("no url here");
    }
}
