package jp.crowdpay.jobs.cli;

import jp.crowdpay.jobs.schema.SchemaGate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every command checks the schema at start; only the migrate command changes it, once it runs. */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    @Bean
    FlywayMigrationStrategy schemaGate(ApplicationArguments arguments) {
        return new SchemaGate(CommandLineInterface.schemaAccess(arguments.getSourceArgs()));
    }
}
