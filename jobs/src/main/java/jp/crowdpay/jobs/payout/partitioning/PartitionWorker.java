package jp.crowdpay.jobs.payout.partitioning;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import jp.crowdpay.jobs.payout.settings.PayingStepShape;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.RunOutcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.stereotype.Component;

/**
 * A process that pays partitions of payouts started elsewhere with {@code payout.partitioning:
 * remote}: it takes one partition at a time from the queue until the JVM is told to stop. A
 * partition cut short goes back to the queue and is resumed from its last committed chunk.
 */
@Component
public class PartitionWorker {

    private final PayoutProperties settings;
    private final ObjectProvider<PayoutPartitionMessaging> messaging;
    private final ObjectProvider<AmqpInboundChannelAdapter> consumer;
    private final ObjectProvider<IntegrationFlowContext> flows;

    public PartitionWorker(PayoutProperties settings, ObjectProvider<PayoutPartitionMessaging> messaging,
                           ObjectProvider<AmqpInboundChannelAdapter> consumer, ObjectProvider<IntegrationFlowContext> flows) {
        this.settings = settings;
        this.messaging = messaging;
        this.consumer = consumer;
        this.flows = flows;
    }

    /** Works until SIGTERM; refused unless partitioning is remote. */
    public RunOutcome work(PrintWriter out, PrintWriter err) throws InterruptedException {
        if (!PayingStepShape.of(settings).remote()) {
            err.println("error: payout.partitioning is " + settings.partitioning()
                    + "; a worker needs payout.partitioning: remote");
            return RunOutcome.REFUSED;
        }
        AmqpInboundChannelAdapter partitions = consumer.getObject();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // take no new partition; one in progress is rolled back to its last chunk and redelivered
            partitions.stop();
            stopped.countDown();
        }, "worker-stop"));
        messaging.getObject().startWorking(flows.getObject(), partitions);
        out.println("Worker ready: taking payout partitions from queue " + settings.remote().queue());
        out.flush();
        stopped.await();
        return RunOutcome.DONE;
    }
}
