"""bench/run's org section (issue 15): one organization sweep run over accounts x regions, as deployed. The dispatch
and every shard go through the function's handler (the runner jar), shards drained from a FIFO shard queue by
ORGANIZATION_CONCURRENCY instances at once (the template's default, each a JVM restored as SnapStart would), every EC2
call through the throttle with one bucket per account-region; optionally with a stream of Security Hub findings for
some of the same account-regions meanwhile. Then a c7n-org-like boto3 peer (org_peer.py) on the same data."""
import json
import os
import shlex
import subprocess
import threading
import time

import harness
from fleet import wait_ready
from harness import Timed, summarize
from org_fixture import EXTERNAL_ID, HOME, LINKED, OWN, ROLE, WORLD, Org, Sizes, finding
from restore import RESTORE, SNAPSTART_FLAGS
from sections import CP_DIR, java_argv

ROOT = os.path.dirname(harness.BENCH)
LATENCY = 0.020


def template():
    """The function's timeout, memory and environment as template.yaml's defaults give them."""
    script = 'eval "$(python3 %s %s RevokeFunction)"; echo "$fn_timeout $fn_memory"; printf "%%s\\n" "${fn_env[@]}"' % (
        shlex.quote(os.path.join(ROOT, "bin", "template-function.py")), shlex.quote(os.path.join(ROOT, "template.yaml")))
    lines = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout.splitlines()
    timeout, memory = map(int, lines[0].split())
    return timeout, memory, dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def sqs_records(messages, queue):
    return {"Records": [{
        "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
        "attributes": m.get("Attributes", {}), "messageAttributes": {}, "md5OfBody": m["MD5OfBody"],
        "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:%s:%s:%s" % (HOME, OWN, queue),
        "awsRegion": HOME} for m in messages]}


class Run:
    """One run's instances, the invocations they served, and when."""

    def __init__(self):
        self.lock = threading.Lock()
        self.invocations = []  # (kind, handler seconds, ended at monotonic)
        self.spans = []  # (kind, "account:region", started, ended): which shard or finding was where, when
        self.errors = []
        self.stop = threading.Event()

    def invoke(self, p, event, kind, place=None):
        started = time.monotonic()
        p.send(event)
        _, secs, ok, body = p.result(limit_s=400)
        with self.lock:
            self.invocations.append((kind, secs, time.monotonic()))
            if place:
                self.spans.append((kind, place, started, time.monotonic()))
            if not ok:
                self.errors.append("%s: %s" % (kind, body[:300]))
        return ok, body

    def drain(self, p, org, url, queue, batch, kind):
        """Lambda's event source mapping for one instance: receive, invoke, delete what batchItemFailures spares."""
        while not self.stop.is_set():
            got = org.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=batch, WaitTimeSeconds=1,
                                          AttributeNames=["All"]).get("Messages", [])
            # The run's deadline message waits 15 minutes on Lambda: not delivered within a run of minutes.
            deadline = [m for m in got if "sweepRunDeadline" in m["Body"]]
            for m in deadline:
                org.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=900)
            got = [m for m in got if m not in deadline]
            if not got:
                continue
            shard = json.loads(got[0]["Body"]).get("sweepShard") if kind == "shard" else None
            place = "%s:%s" % (shard["account"], shard["region"]) if shard else None
            ok, body = self.invoke(p, sqs_records(got, queue), kind, place)
            failed = {f["itemIdentifier"] for f in json.loads(body).get("batchItemFailures", [])} if ok else \
                {m["MessageId"] for m in got}
            if failed:
                with self.lock:
                    self.errors.append("%s: %d message(s) failed: %s" % (kind, len(failed), body[:300]))
            keep = [m for m in got if m["MessageId"] not in failed]
            if keep:
                org.sqs.delete_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(keep)])


def start_throttle(moto_url, java):
    """The sweep section's throttle, with one bucket per account-region (Ec2Throttle's bench.bucketsPer)."""
    port = harness.free_port()
    argv = [java, "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx256m", "-Dbench.latencyMs=%d" % (LATENCY * 1000),
            "-Dbench.bucketsPer=account-region", "-Dbench.moto=" + moto_url,
            "-cp", harness.WIREMOCK_JAR + os.pathsep + os.path.join(harness.TARGET, "wiremock-ext"), "wiremock.Run",
            "--port", str(port), "--bind-address", "127.0.0.1", "--proxy-all", moto_url,
            "--extensions", "dev.sgrevoker.bench.Ec2Throttle", "--no-request-journal", "--disable-banner",
            "--container-threads", "60"]
    return harness.Service("wiremock-org-throttle", argv, port, "/__admin/health")


def place_seconds(stats):
    """Per account-region, the least time its calls take: its buckets' refill for the calls accepted past the burst
    (revokes 50 + 5/s, describes 100 + 20/s), or one latency per call (an instance makes its calls one at a time)."""
    out = {}
    for place, s in stats.get("places", {}).items():
        ok = {a: n - s["throttled"].get(a, 0) for a, n in s["calls"].items()}
        mutating = ok.get("RevokeSecurityGroupIngress", 0) + ok.get("AuthorizeSecurityGroupIngress", 0)
        describes = sum(n for a, n in ok.items() if a.startswith("Describe"))
        buckets = max(0, (mutating - 50) / 5, (describes - 100) / 20)
        out[place] = max(buckets, sum(ok.values()) * LATENCY)
    return out


def lower_bound(stats, concurrency):
    """Shards of different account-regions overlap, at most `concurrency` at once: the run takes at least its longest
    account-region, and at least the sum of all of them over the concurrency."""
    t = place_seconds(stats)
    return max(max(t.values(), default=0), sum(t.values()) / concurrency) if t else 0


def overlapping(spans):
    """Findings acted on while a shard of their own account-region was running."""
    shards = [s for s in spans if s[0] == "shard"]
    return sum(1 for kind, place, a, b in spans if kind == "alert"
               and any(p == place and a < e and s < b for _, p, s, e in shards))


def throttled_total(stats):
    return sum(stats["throttled"].values())


def java_run(java, org, throttle, env, sizes, concurrency, alerts, log, tag):
    org.purge()
    org.offend(alerts)
    flags = SNAPSTART_FLAGS + RESTORE
    timeout_ms = int(env.pop("_TIMEOUT_MS"))
    shard_workers = [Timed(java_argv(java, flags, CP_DIR, timeout_ms), env, "%s-shard-%d" % (tag, i))
                     for i in range(concurrency)]
    # MaxConcurrency's instances: one takes the dispatch and then the findings, one drains the request queue.
    front, requests = (Timed(java_argv(java, flags, CP_DIR, timeout_ms), env, "%s-%s" % (tag, n))
                       for n in ("front", "requests"))
    instances = shard_workers + [front, requests]
    run, rss, threads = Run(), [], []
    try:
        for p in instances:
            wait_ready(p, 300)
        harness.throttle_reset(throttle)
        load = os.getloadavg()[0]
        t0 = time.monotonic()
        ok, body = run.invoke(front, {"sweep": {
            "controls": ["EC2.13"], "accounts": "allowed", "regions": "allowed", "enforce": True,
            "maxRevocations": sizes.offending, "maxRevocationsPerRun": int(env["MAX_REVOCATIONS_PER_RUN"])}}, "dispatch")
        dispatched = json.loads(body) if ok else {}
        shards = len(dispatched.get("shards", []))
        threads = [threading.Thread(target=run.drain, args=(p, org, org.shard_queue, "bench-org-shards.fifo", 1,
                                                            "shard")) for p in shard_workers]
        threads.append(threading.Thread(target=run.drain, args=(requests, org, org.request_queue,
                                                                "bench-org-requests", 10, "request-queue")))
        for t in threads:
            t.start()
        alerted = 0
        if alerts:
            # Findings one after the other (half a second apart) from the start of the run, about account-regions of the
            # first shards dispatched, so they arrive while those shards work there (counted: overlapping()).
            n = 0
            for place in org.places()[:sizes.alerted]:
                for g in org.alert_groups[place]:
                    time.sleep(0.5)
                    ok_a, body_a = run.invoke(front, finding(place[0], place[1], g, n), "alert", "%s:%s" % place)
                    n += 1
                    alerted += json.loads(body_a).get("counts", {}).get("REVOKED", 0) if ok_a else 0
        roll_up = org.roll_up(600)
        run.stop.set()
        for t in threads:
            t.join()
        ended = [at for kind, _, at in run.invocations if kind in ("shard", "request-queue")]
        wall = (max(ended) if ended else time.monotonic()) - t0
        for p in instances:
            _, mib = p.finish()
            rss.append(mib)
    finally:
        run.stop.set()
        for p in instances:
            p.kill()
    stats = harness.throttle_stats(throttle)
    return dict(wall=wall, stats=stats, roll_up=roll_up, shards=shards, run=run, rss=rss, load=load,
                alerted=alerted, dispatched=dispatched)


def run(java, log, quick):
    sizes = Sizes(quick)
    timeout_s, memory_mb, tenv = template()
    concurrency = int(tenv.get("ORGANIZATION_CONCURRENCY", "10"))
    port = harness.free_port()
    moto = harness.Service("moto-org", ["python3", os.path.join(harness.BENCH, "moto_indexed.py"), "-H", "127.0.0.1",
                                        "-p", str(port)], port, "/moto-api/")
    throttle = start_throttle(moto.url, java)
    hub = harness.SecurityHubStandIn()
    rows, failures = [], []
    try:
        org = Org(moto.url, sizes, log)
        org.seed()
        pairs = len(org.places())
        workers = min(concurrency, pairs)
        total = pairs * sizes.offending
        section = "10. organization sweep run (%s)" % sizes.text()
        for variant in sizes.variants:
            alerts = variant == "alerts"
            env = harness.java_env(moto.url, {
                "AWS_ENDPOINT_URL_EC2": throttle.url, "AWS_ENDPOINT_URL_SECURITYHUB": hub.url,
                "ALLOWED_ACCOUNT_IDS": "organization", "ALLOWED_REGIONS": LINKED,
                "MEMBER_ROLE_NAME": ROLE, "MEMBER_EXTERNAL_ID": EXTERNAL_ID, "ORGANIZATION_SWEEPS": "enforce",
                "MAX_CONCURRENCY": tenv.get("MAX_CONCURRENCY", "2"), "ORGANIZATION_CONCURRENCY": str(concurrency),
                "MAX_REVOCATIONS": tenv.get("MAX_REVOCATIONS", "50"), "MAX_REVOCATIONS_PER_RUN": str(total),
                "SHARD_QUEUE_URL": org.shard_queue, "REQUEST_QUEUE_URL": org.request_queue,
                "RUN_TABLE_NAME": "bench-org-runs", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(memory_mb),
                "_TIMEOUT_MS": str(timeout_s * 1000)})
            log("  org: Java run (%s): %d shard instances + 2, dispatch ..." % (variant, workers))
            r = java_run(java, org, throttle, env, sizes, workers, alerts, log, "org-" + variant)
            stats, roll_up = r["stats"], r["roll_up"] or {}
            bound = lower_bound(stats, workers)
            in_moto = sum(s.get("upstreamMicros", 0) for s in stats.get("places", {}).values()) / 1e6
            kinds = {}
            for kind, secs, _ in r["run"].invocations:
                kinds.setdefault(kind, []).append(secs)
            gb_s = sum(-(-secs * 1000 // 1) / 1000 for _, secs, _ in r["run"].invocations) * memory_mb / 1024
            revoked = roll_up.get("totals", {}).get("REVOKED", 0)
            left = org.world_open(22)
            failures += ["org %s: %s" % (variant, e) for e in r["run"].errors[:5]]
            if not roll_up.get("complete") or revoked != total or left or r["shards"] != pairs:
                failures.append("org %s: %d shards dispatched, roll-up complete=%s, %d of %d revoked, %d left; %s" % (
                    variant, r["shards"], roll_up.get("complete"), revoked, total, left,
                    json.dumps(roll_up)[:300] if roll_up else json.dumps(r["dispatched"])[:300]))
            if alerts and r["alerted"] != 2 * min(sizes.alerted, pairs):
                failures.append("org alerts: %d of %d findings' rules revoked" % (r["alerted"], 2 * sizes.alerted))
            shard_rss = r["rss"][:workers]
            # Without moto's time (EC2 answers at once): the shards' handler time less the time their account-regions'
            # calls spent in moto, spread evenly over the instances; an estimate, not a measured wall time.
            busy = sum(kinds.get("shard", [])) + sum(kinds.get("request-queue", []))
            without_moto = max(0.0, busy - in_moto) / workers
            log("  org %s: %.1f s wall (bound %.1f s), %s throttled, roll-up %s REVOKED, RSS %s, calls %s" % (
                variant, r["wall"], bound, stats["throttled"] or 0, revoked,
                ["%.0f" % m for m in r["rss"]], stats["calls"]))
            rows.append((section, "Java, %d shard instances%s" % (
                workers, ", findings meanwhile (%d)" % (2 * sizes.alerted) if alerts else ""),
                {"wall s": one(r["wall"]), "lower bound s": one(bound), "wall / lower bound": one(r["wall"] / bound),
                 "throttling errors": one(throttled_total(stats)),
                 "est. without moto's time / lower bound": one(without_moto / bound),
                 "peak RSS MiB per instance (max)": one(max(shard_rss)), "GB-s": one(gb_s)},
                "%d account-regions in the throttle's stats; shard handler s median %.1f (max %.1f), %d shards + %d hand-over batches%s; EC2 time in moto %.0f s "
                "(summed over account-regions); peak RSS per shard instance median %.0f MiB; load %.1f at start; "
                "calls %s" % (
                    len(stats.get("places", {})), summarize(kinds.get("shard", [0]))["median"], max(kinds.get("shard", [0])),
                    len(kinds.get("shard", [])), len(kinds.get("request-queue", [])),
                    ", %d alerts (%.2f s median; %d of them while a shard of their account-region ran)" % (
                        len(kinds["alert"]), summarize(kinds["alert"])["median"], overlapping(r["run"].spans))
                    if kinds.get("alert") else "", in_moto, summarize(shard_rss)["median"], r["load"],
                    calls_text(stats))))
            if variant == sizes.variants[0]:
                java_wall = r["wall"]
        # The c7n-org-like peer on the same data, the same pool size, through the same throttle.
        org.offend(False)
        harness.throttle_reset(throttle)
        peer_env = harness.java_env(moto.url, {"AWS_ENDPOINT_URL_EC2": throttle.url})
        argv = ["python3", os.path.join(harness.BENCH, "org_peer.py"), "22", WORLD, str(workers), OWN, ROLE,
                EXTERNAL_ID, ",".join(org.accounts), ",".join(sizes.regions)]
        wall, peer_rss, code, out = harness.run_plain(argv, peer_env, "org-peer", timeout=1800)
        stats = harness.throttle_stats(throttle)
        left = org.world_open(22)
        if code != 0 or left:
            failures.append("org peer: exit %d, %d left; %s" % (code, left, out[-300:]))
        bound = lower_bound(stats, workers)
        log("  org peer: %.1f s wall (bound %.1f s), throttled %s, RSS %.0f MiB" % (
            wall, bound, stats["throttled"], peer_rss))
        rows.append((section, "boto3 peer: c7n-org-like process pool of %d, Custodian remove-permissions" % workers,
                     {"wall s": one(wall), "lower bound s": one(bound), "wall / lower bound": one(wall / bound),
                      "throttling errors": one(throttled_total(stats)), "peak RSS MiB (largest process)": one(peer_rss)},
                     "calls %s; Java (%s) / peer: **%.2f**" % (calls_text(stats), sizes.variants[0],
                                                               java_wall / wall)))
    finally:
        hub.stop()
        throttle.stop()
        moto.stop()
    return rows, failures


def calls_text(stats):
    return ", ".join("%s %d%s" % (a, n, " (%d throttled)" % stats["throttled"][a] if stats["throttled"].get(a) else "")
                     for a, n in sorted(stats["calls"].items()))


def one(v):
    return summarize([v])
