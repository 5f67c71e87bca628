package jp.crowdpay.jobs.payout.partitioning;

import java.util.List;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * The RabbitMQ side of remote partitioning ({@code payout.partitioning: remote}). The manager
 * only sends requests (a step execution id each) to one durable queue and then reads the job
 * repository for the outcome; workers take one request at a time and acknowledge it only once
 * the partition has ended, so the partition of a worker that dies is delivered again to another
 * worker, which resumes it from its last committed chunk.
 */
@Configuration
@ConditionalOnProperty(name = "payout.partitioning", havingValue = "remote")
@EnableIntegration
public class PayoutPartitionMessaging {

    @Bean
    public DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    /** Requests as they come off the queue, stale ones included. */
    @Bean
    public DirectChannel queuedPartitionWork() {
        return new DirectChannel();
    }

    /** Requests of running jobs only: the worker step's input. */
    @Bean
    public DirectChannel partitionWork() {
        return new DirectChannel();
    }

    @Bean
    Queue partitionQueue(PayoutProperties settings) {
        // durable: requests survive a broker restart while the manager waits for them
        return new Queue(settings.remote().queue(), true);
    }

    @Bean
    IntegrationFlow partitionRequestsToBroker(AmqpTemplate amqpTemplate, PayoutProperties settings) {
        return IntegrationFlow.from(partitionRequests())
                .handle(Amqp.outboundAdapter(amqpTemplate).routingKey(settings.remote().queue()))
                .get();
    }

    /** Started by the worker command only: the manager and every other command consume nothing. */
    @Bean
    AmqpInboundChannelAdapter partitionWorkFromBroker(ConnectionFactory connectionFactory, PayoutProperties settings) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(settings.remote().queue());
        // one partition at a time, none held back from the other workers
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(1);
        container.setDefaultRequeueRejected(false);
        SimpleMessageConverter converter = new SimpleMessageConverter();
        // Java deserialisation of the request only, never of arbitrary classes from the wire
        converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
        AmqpInboundChannelAdapter adapter = new AmqpInboundChannelAdapter(container);
        adapter.setMessageConverter(converter);
        adapter.setOutputChannel(queuedPartitionWork());
        adapter.setAutoStartup(false);
        return adapter;
    }

    /**
     * Drops a request whose job execution has ended before its step execution is touched; the
     * message is acknowledged, so it leaves the queue for good.
     */
    @Bean
    IntegrationFlow staleRequestsDropped(JobRepository jobRepository) {
        StaleRequestGuard guard = new StaleRequestGuard(jobRepository);
        return IntegrationFlow.from(queuedPartitionWork())
                .filter(StepExecutionRequest.class, guard::isCurrent)
                .channel(partitionWork())
                .get();
    }

    /** Makes this process a worker: the step's request handler first, then the consumer that feeds it. */
    public void startWorking(IntegrationFlowContext flows, AmqpInboundChannelAdapter partitionWorkFromBroker) {
        flows.getRegistry().values().forEach(IntegrationFlowContext.IntegrationFlowRegistration::start);
        partitionWorkFromBroker.start();
    }
}
