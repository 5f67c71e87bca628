/**
 * The paying step split into ranges of worker ids: the ranges ({@code WorkerIdPartitioner},
 * {@code WorkerRange}), and the remote partitions over RabbitMQ: the messaging, the manager's side
 * that sends and watches them ({@code RemotePartitionHandler}, {@code PartitionWatch}), the guard
 * against the requests of ended runs, and the {@code worker} command ({@code PartitionWorker}). It
 * knows nothing of what a partition does: the paying step gives it the steps' names. May use
 * settings and runs.
 */
package jp.crowdpay.jobs.payout.partitioning;
