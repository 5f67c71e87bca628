package jp.crowdpay.jobs.payout.partitioning;

import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Splits the workers into {@link WorkerRange}s of equal width over the ids the worker table holds. */
public class WorkerIdPartitioner implements Partitioner {

    private final JdbcTemplate jdbc;

    public WorkerIdPartitioner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, Object> ids = jdbc.queryForMap("select coalesce(min(id), 1) as lo, coalesce(max(id), 1) as hi from worker");
        return WorkerRange.split((Long) ids.get("lo"), (Long) ids.get("hi"), gridSize);
    }
}
