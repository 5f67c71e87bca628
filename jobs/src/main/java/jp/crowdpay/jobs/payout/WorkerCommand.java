package jp.crowdpay.jobs.payout;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.cli.RootCommand;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
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
public class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PayoutProperties settings = root.bean(PayoutProperties.class);
        if (settings.partitioning() != PayoutProperties.Partitioning.REMOTE) {
            spec.commandLine().getErr().println("error: payout.partitioning is " + settings.partitioning()
                    + "; a worker needs payout.partitioning: remote");
            return ExitCodes.USAGE;
        }
        AmqpInboundChannelAdapter consumer = root.bean(AmqpInboundChannelAdapter.class);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // take no new partition; one in progress is rolled back to its last chunk and redelivered
            consumer.stop();
            stopped.countDown();
        }, "worker-stop"));
        root.bean(PayoutPartitionMessaging.class).startWorking(root.bean(IntegrationFlowContext.class), consumer);
        spec.commandLine().getOut().println("Worker ready: taking payout partitions from queue " + settings.remote().queue());
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
