package jp.crowdpay.jobs.cli;

import java.util.concurrent.Callable;
import jp.crowdpay.jobs.schema.SchemaMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        header = "Brings the database schema to this program's version; the only command that changes it.",
        description = {"Applies the migrations this program ships that the database lacks, oldest first, each in a"
                + " transaction of its own, as the role that owns the schema. Every other command refuses to run"
                + " (exit 2) until it has. A failed migration stops it (exit 1): the ones before stay applied, nothing"
                + " of the failed one is; see docs/deployment.md.",
                "With --dry-run: lists what it would apply and changes nothing."})
class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dry-run", description = "List the migrations that would be applied; change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        SchemaMigration migration = root.bean(SchemaMigration.class);
        (dryRun ? migration.dryRun() : migration.migrate()).forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
