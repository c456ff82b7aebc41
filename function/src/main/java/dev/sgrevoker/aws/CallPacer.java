package dev.sgrevoker.aws;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.revoke.Ec2CallFailed;

/**
 * A token bucket in front of one class of EC2 calls, sized like EC2's own (mutating: 50 tokens, 5 per second;
 * describes: 100, 20 per second), so a large cleanup waits its turn instead of being throttled and retried.
 * It runs 5% slower and two tokens short of EC2's burst: a call delayed less than that by the network still finds
 * EC2's bucket refilled.
 */
final class CallPacer {
    /**
     * A shard of a sweep run's share of its account-region's bucket: the shard queue's FIFO groups let one instance
     * at a time work on an account-region's shard, so it may take nearly all of it; the rest is kept for alerts
     * arriving there meanwhile (docs/security.md). 90% of the pacer's 95% keeps a bucket-bound run within issue 15's
     * 1.2x of the bucket's own time (1.17x); 80% would hold it at 1.32x.
     */
    static final double SHARD_SHARE = 0.9;

    /** This instance's share when alerts and requests run N at once (burst and rate), and the whole bucket's. */
    private final double ownCapacity;

    private final double ownPerSecond;
    private final double bucketCapacity;
    private final double bucketPerSecond;
    private double capacity;
    private double perSecond;
    private double tokens;
    private long last;

    CallPacer(int capacity, double perSecond) {
        this(capacity, perSecond, capacity, perSecond);
    }

    private CallPacer(double capacity, double perSecond, double bucketCapacity, double bucketPerSecond) {
        this.ownCapacity = capacity;
        this.ownPerSecond = perSecond;
        this.bucketCapacity = bucketCapacity;
        this.bucketPerSecond = bucketPerSecond;
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    /**
     * While a shard of a sweep run works on this pacer's account-region ({@code true}): {@link #SHARD_SHARE} of the
     * whole bucket, whatever MAX_CONCURRENCY divides alerts' pacing by; back to this instance's share after.
     */
    synchronized void asShard(boolean shard) {
        refill();
        capacity = shard ? Math.max(1, Math.floor(bucketCapacity * SHARD_SHARE)) : ownCapacity;
        perSecond = shard ? bucketPerSecond * SHARD_SHARE : ownPerSecond;
        tokens = Math.min(tokens, capacity);
        notifyAll();
    }

    /** Calls per second this pacer allows now (its share, or a shard's). */
    synchronized double perSecond() {
        return perSecond;
    }

    static CallPacer mutating() {
        return mutating(1);
    }

    static CallPacer describing() {
        return describing(1);
    }

    /**
     * This instance's share when up to {@code instances} run at once against one account's buckets (the function's
     * concurrency cap): burst and rate divided by it, so N instances together stay under EC2's bucket.
     */
    static CallPacer mutating(int instances) {
        return share(48, 5 * 0.95, instances);
    }

    static CallPacer describing(int instances) {
        return share(98, 20 * 0.95, instances);
    }

    private static CallPacer share(int capacity, double perSecond, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, not " + instances);
        }
        return new CallPacer(Math.max(1, capacity / instances), perSecond / instances, capacity, perSecond);
    }

    /** EC2 throttled us: its bucket is empty, so ours is too. */
    synchronized void drain() {
        refill();
        tokens = Math.min(tokens, 0);
    }

    /** How long the next call would wait for a token, in milliseconds. */
    synchronized long waitMillis() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * 1000);
    }

    /** Takes a token, sleeping until one is there. */
    synchronized void acquire() {
        refill();
        while (tokens < 1) {
            long sleep = (long) Math.ceil((1 - tokens) / perSecond * 1000);
            try {
                wait(Math.max(1, sleep));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Ec2CallFailed(FailureCode.Ours.INTERRUPTED, "interrupted while pacing EC2 calls");
            }
            refill();
        }
        tokens -= 1;
    }

    /**
     * Full again, as in a new instance: after a SnapStart restore the calls priming spent were made when the snapshot
     * was taken, long before, and the clock they were timed by may stand still or start anew since.
     */
    synchronized void restart() {
        tokens = capacity;
        last = System.nanoTime();
        notifyAll();
    }

    private void refill() {
        long now = System.nanoTime();
        // Never less than nothing: across a SnapStart restore the monotonic clock may stand still or start anew.
        tokens = Math.min(capacity, tokens + Math.max(0, now - last) / 1e9 * perSecond);
        last = now;
    }
}
