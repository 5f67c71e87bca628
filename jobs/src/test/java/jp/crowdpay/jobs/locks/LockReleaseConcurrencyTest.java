package jp.crowdpay.jobs.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

// one account per chunk: the re-locked account's chunk has nothing left to release
@TestPropertySource(properties = "locks.chunk-size=1")
class LockReleaseConcurrencyTest extends LockReleaseScenario {

    private static final Instant AS_OF = Instant.parse("2025-04-01T03:00:00Z");
    private static final long RELOCKED_ACCOUNT = 1;
    private static final Instant RELOCKED_AT = AS_OF.minusSeconds(30);

    /**
     * The login service at work while the job runs: just before the release step writes its
     * chunk, another connection locks account 1 again (a new failure after the job read it).
     */
    @TestConfiguration
    static class LoginServiceRelocksBeforeTheWrite {
        @Bean
        static BeanPostProcessor relockBeforeRelease() {
            return new BeanPostProcessor() {
                @Override
                @SuppressWarnings("unchecked")
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (name.equals("releaseStaleLocksStep")) {
                        ((ChunkOrientedStep<PlannedLock, PlannedLock>) bean).registerItemWriteListener(new ItemWriteListener<>() {
                            @Override
                            public void beforeWrite(Chunk<? extends PlannedLock> items) {
                                relockFromAnotherConnection();
                            }
                        });
                    }
                    return bean;
                }
            };
        }

        private static void relockFromAnotherConnection() {
            try (Connection loginService = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
                 var relock = loginService.prepareStatement(
                         "update login_account set locked_at = ?, lock_reason = 'FAILED_ATTEMPTS', failed_attempts = 5 where id = ?")) {
                relock.setObject(1, at(RELOCKED_AT));
                relock.setLong(2, RELOCKED_ACCOUNT);
                relock.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void lockRenewedBetweenReadAndWriteSurvivesAndIsCounted() {
        // given two stale locks, one of which the login service renews while the job runs
        lockedAutomatically(RELOCKED_ACCOUNT, AS_OF.minus(Duration.ofDays(1)));
        lockedAutomatically(2, AS_OF.minus(Duration.ofDays(1)));
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then the new lock stands, the other account is released, and the summary says so
        assertThat(jdbc.queryForObject("select locked_at = ? from login_account where id = ?",
                Boolean.class, at(RELOCKED_AT), RELOCKED_ACCOUNT)).isTrue();
        assertThat(jdbc.queryForObject("select failed_attempts from login_account where id = ?",
                Integer.class, RELOCKED_ACCOUNT)).isEqualTo(5);
        assertThat(releasedAccounts()).containsExactly(2L);
        assertThat(run.summary()).contains("released=1", "changed_while_running=1");
        assertThat(jdbc.queryForObject("select changed_while_running from lock_release_run", Integer.class)).isOne();
    }
}
