"""Section 8 of bench/run: several function instances, one account's EC2 budget. Each instance is a JVM running the
handler on SQS batches, fed by a poller thread that emulates Lambda's event source mapping over a moto queue
(receive up to 10, invoke, delete what batchItemFailures does not name); EC2 goes through the WireMock throttle.
Instances start as SnapStart restores them (init, priming, afterRestore) and the clock starts when all are ready."""
import json
import os
import threading
import time

import boto3

import harness
from harness import Timed, summarize
from restore import RESTORE, SNAPSTART_FLAGS
from sections import CP_DIR, direct_payload, java_argv

VISIBILITY_S = 30


def queue(moto_url, name):
    sqs = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                region_name="us-east-1").client("sqs", endpoint_url=moto_url)
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": str(VISIBILITY_S)})["QueueUrl"]
    sqs.purge_queue(QueueUrl=url)
    return sqs, url


def fill(sqs, url, bodies):
    for i in range(0, len(bodies), 10):
        sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": str(j), "MessageBody": json.dumps(b)} for j, b in enumerate(bodies[i:i + 10])])


def event(messages):
    return {"Records": [{
        "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": str(int(time.time() * 1000))},
        "messageAttributes": {}, "md5OfBody": m["MD5OfBody"], "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:sg-revoker-fleet", "awsRegion": "us-east-1"}
        for m in messages]}


def wait_ready(p, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with open(p.err.name) as f:
            if "MARK restored" in f.read():
                return
        time.sleep(0.05)
    raise RuntimeError("instance not initialised: see " + p.err.name)


def poll(p, sqs, url, total, done, stats, lock):
    """One event source mapping poller bound to one instance, until every message is deleted."""
    while True:
        with lock:
            if done[0] >= total:
                return
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if not got:
            continue
        p.send(event(got))
        at, secs, ok, body = p.result(limit_s=300)
        stats["log"].append("%s t=%.1f n=%d handler=%.1fs" % (os.path.basename(p.err.name), at, len(got), secs))
        failed = set()
        if ok:
            failed = {f["itemIdentifier"] for f in json.loads(body)["batchItemFailures"]}
        else:
            failed = {m["MessageId"] for m in got}
            stats["errors"].append(body[:300])
        keep = [m for m in got if m["MessageId"] not in failed]
        if keep:
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(keep)])
        with lock:
            done[0] += len(keep)
            stats["batches"] += 1
            stats["retried"] += len(failed)


def run_once(java, moto_url, throttle, fx, gids, instances, shared, tag, flags):
    sqs, url = queue(moto_url, "sg-revoker-fleet")
    bodies = [direct_payload(g) for g in gids]
    for g in gids:
        fx.reseed(g, [22])
    fill(sqs, url, bodies)
    extra = {"AWS_ENDPOINT_URL_EC2": throttle.url}
    if shared:
        extra["MAX_CONCURRENCY"] = str(instances)
    env = harness.java_env(moto_url, extra)
    procs = [Timed(java_argv(java, flags, CP_DIR), env, "%s-%d" % (tag, i)) for i in range(instances)]
    stats, done, lock = {"errors": [], "batches": 0, "retried": 0, "log": []}, [0], threading.Lock()
    try:
        for p in procs:
            wait_ready(p)
        harness.throttle_reset(throttle)
        t0 = time.monotonic()
        threads = [threading.Thread(target=poll, args=(p, sqs, url, len(bodies), done, stats, lock)) for p in procs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
        for p in procs:
            p.finish()
    finally:
        for p in procs:
            p.kill()
    counts = harness.throttle_stats(throttle)
    left = fx.ingress_count(gids)
    return wall, counts, stats, left


def lower_bound(counts, latency=0.020):
    """EC2's buckets at best for the calls it accepted (revokes 50 + 5/s, describes 100 + 20/s), plus the calls that
    must follow the last revoke (its confirming describe) at one latency each: instances overlap everything else."""
    ok = {a: n - counts["throttled"].get(a, 0) for a, n in counts["calls"].items()}
    revokes = ok.get("RevokeSecurityGroupIngress", 0)
    describes = sum(n for a, n in ok.items() if a.startswith("Describe"))
    return max(max(0, revokes - 50) / 5, max(0, describes - 100) / 20) + 2 * latency


def run(java, moto_url, throttle, fx, log, rounds, messages=150, instances=4):
    gids = [fx.group("bench-fleet-%03d" % i) for i in range(messages)]
    variants = [("pacing per instance (whole bucket each)", False),
                ("pacing shared: MAX_CONCURRENCY=%d" % instances, True)]
    res = {v: {"wall": [], "ratio": [], "throttled": [], "retried": []} for v, _ in variants}
    failures = []
    for r in range(rounds):
        for v, shared in variants:
            wall, counts, stats, left = run_once(java, moto_url, throttle, fx, gids, instances, shared,
                                                 "fleet-%d-%s" % (r, "shared" if shared else "own"), SNAPSTART_FLAGS + RESTORE)
            bound = lower_bound(counts)
            throttled = sum(counts["throttled"].values())
            log("  batches: " + "; ".join(stats["log"]))
            log("  fleet %s: %.1f s, bound %.1f s, calls %s, throttled %s, retried messages %d" % (
                v, wall, bound, counts["calls"], counts["throttled"], stats["retried"]))
            res[v]["wall"].append(wall)
            res[v]["ratio"].append(wall / bound)
            res[v]["throttled"].append(throttled)
            res[v]["retried"].append(stats["retried"])
            failures += stats["errors"]
            if left:
                failures.append("fleet %s: %d rules still present afterwards" % (v, left))
    rows = []
    for v, _ in variants:
        rows.append(("8. %d instances draining one queue (%d messages, 1 rule each)" % (instances, messages), v,
                     {"total s": summarize(res[v]["wall"]), "total / lower bound": summarize(res[v]["ratio"]),
                      "throttling errors": summarize(res[v]["throttled"]),
                      "messages retried": summarize(res[v]["retried"])}, "EC2 via the throttle, 20 ms/call"))
    return rows, failures
