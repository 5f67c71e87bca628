package jp.crowdpay.jobs.cli;

import java.util.concurrent.Callable;
import jp.crowdpay.jobs.payout.partitioning.PartitionWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
                "Pays partitions of nightly payouts started elsewhere with payout.partitioning: remote:",
                "takes one partition at a time from the RabbitMQ queue payout.remote.queue and runs it",
                "against the shared job repository. Runs until stopped (SIGTERM); a partition cut short",
                "goes back to the queue and is resumed from its last committed chunk."})
class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return ExitCodes.of(root.bean(PartitionWorker.class).work(spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
}
