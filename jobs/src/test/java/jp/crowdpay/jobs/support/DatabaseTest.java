package jp.crowdpay.jobs.support;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the application: the real PostgreSQL, migrated by Flyway, with
 * the real Spring Batch job repository. Every test starts from empty tables.
 */
@SpringBootTest
public abstract class DatabaseTest {

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::username);
    }

    @BeforeEach
    void startFromEmptyTables() {
        List<String> tables = jdbc.queryForList(
                "select quote_ident(tablename) from pg_tables where schemaname = current_schema() "
                        + "and tablename <> 'flyway_schema_history'",
                String.class);
        jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
    }
}
