package dev.sgrevoker.config;

import static dev.sgrevoker.config.FunctionConfig.MAX_REVOCATIONS_PER_RUN;
import static dev.sgrevoker.config.FunctionConfig.ORGANIZATION_CONCURRENCY;
import static dev.sgrevoker.config.FunctionConfig.RUN_DEADLINE_MINUTES;
import static dev.sgrevoker.config.FunctionConfig.RUN_TABLE_NAME;
import static dev.sgrevoker.config.FunctionConfig.SHARD_QUEUE_URL;

import dev.sgrevoker.exception.ConfigurationException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sweep runs over several (account, region) pairs (docs/sweeps.md, docs/security.md): where shards go, where a
 * run's state is kept, the run-wide limit, the deadline, and how many shards run at once. Without the queue and
 * the table, a sweep over several pairs is refused, naming the setting.
 *
 * @param maxRevocationsPerRun MAX_REVOCATIONS_PER_RUN: a run's default limit and the most it may ask for
 * @param deadline RUN_DEADLINE_MINUTES: a run not finished by then is reported incomplete
 * @param organizationConcurrency ORGANIZATION_CONCURRENCY: the most shards at once (the shard queue's cap)
 */
public record RunSettings(
        Optional<String> shardQueueUrl,
        Optional<String> runTableName,
        int maxRevocationsPerRun,
        Duration deadline,
        int organizationConcurrency) {
    public static final int DEFAULT_MAX_REVOCATIONS_PER_RUN = 200;
    public static final int DEFAULT_DEADLINE_MINUTES = 60;
    public static final int DEFAULT_ORGANIZATION_CONCURRENCY = 10;

    /** Whether runs can be dispatched and kept: both the shard queue and the run table are set. */
    public boolean enabled() {
        return shardQueueUrl.isPresent() && runTableName.isPresent();
    }

    /** Sweep runs: the shard queue, the run table, the run-wide limit, the deadline and the shards' concurrency. */
    static RunSettings read(SettingReader env) {
        int deadline =
                env.positive(RUN_DEADLINE_MINUTES, DEFAULT_DEADLINE_MINUTES, "a whole number of minutes, 5 to 1440");
        if (deadline < 5 || deadline > 1440) {
            throw new ConfigurationException(RUN_DEADLINE_MINUTES, "'" + deadline + "' is not between 5 and 1440");
        }
        return new RunSettings(
                env.text(SHARD_QUEUE_URL),
                env.text(RUN_TABLE_NAME),
                env.positive(MAX_REVOCATIONS_PER_RUN, DEFAULT_MAX_REVOCATIONS_PER_RUN, "a whole number of at least 1"),
                Duration.ofMinutes(deadline),
                env.positive(ORGANIZATION_CONCURRENCY, DEFAULT_ORGANIZATION_CONCURRENCY, "a positive number"));
    }
}
