"""Section 7 of bench/run: the SnapStart restore path. Init, the function's CRaC hooks through org.crac (priming in
beforeCheckpoint, then afterRestore), then the first invocation of one trigger family and warm ones, in one JVM."""
import json
import os

import classload
import harness
from harness import Timed, summarize
from sections import HANDLER, MEMORY_MB, RUNNER, CP_DIR, TEMPLATE_FLAGS, TIMEOUT_MS, direct_payload, revoked, sqs_event

# With SnapStart the java25 runtime keeps tiered compilation (C2) on; the serial GC and the sandbox memory stay.
SNAPSTART_FLAGS = ["-XX:+UseSerialGC", "-XX:MaxRAM=%dm" % MEMORY_MB] + TEMPLATE_FLAGS
RESTORE = ["-Dbench.restore=true", "-Dorg.crac.Core.Compat=dev.sgrevoker.bench.crac"]
SECURITY_HUB_SAMPLE = os.path.join(os.path.dirname(harness.BENCH), "events", "securityhub-ec2-13-ssh.json")
SAMPLE_GROUP = "sg-7ae591cbef2c03465"
REPORT_BUCKET = "sg-revoker-bench-reports"


def argv(java, flags):
    return [java] + flags + ["-Dbench.t0=@T0@", "-cp", CP_DIR, "dev.sgrevoker.bench.BenchInvoke", HANDLER,
                             str(TIMEOUT_MS), str(MEMORY_MB)]


class Family:
    """One trigger family: a group in moto, how to re-seed it, its event, and what a good answer looks like."""

    def __init__(self, name, fx, ports, event, good):
        self.name, self.fx, self.ports, self._event, self.good = name, fx, ports, event, good
        self.group = fx.group("bench-restore-" + name.split()[0].lower())

    def event(self):
        self.fx.reseed(self.group, self.ports)
        return self._event(self.group)


def security_hub_event(group):
    with open(SECURITY_HUB_SAMPLE) as f:
        text = f.read().replace(SAMPLE_GROUP, group)
    return json.loads(text)


def families(fx):
    """Every family, or those BENCH_RESTORE_FAMILIES names by first word (direct,sqs,security,sweep)."""
    named = [n for n in os.environ.get("BENCH_RESTORE_FAMILIES", "").split(",") if n]
    return [f for f in all_families(fx) if not named or f.name.split()[0].lower() in named]


def all_families(fx):
    sqs_ports = list(range(2000, 2010))
    return [
        Family("direct invoke", fx, [22], direct_payload, lambda body: revoked(body) == 1),
        Family("SQS batch of 10", fx, sqs_ports,
               lambda g: sqs_event([direct_payload(g, p) for p in sqs_ports]),
               lambda body: not json.loads(body)["batchItemFailures"]),
        Family("Security Hub finding, with its finding update", fx, [22], security_hub_event,
               lambda body: revoked(body) >= 1 and finding_updated(body)),
        Family("sweep (enforcing, scoped to one group), with its report", fx, [22], sweep_event,
               lambda body: revoked(body) == 1 and report_written(body)),
    ]


def finding_updated(body):
    updates = json.loads(body).get("findingUpdates", [])
    return bool(updates) and all(u.get("status") == "UPDATED" for u in updates)


def report_written(body):
    report = json.loads(body).get("report") or {}
    return bool(report.get("keys")) and not report.get("notWritten")


def sweep_event(group):
    # Scoped to the family's group: the account also holds the other families' groups and the large sections' ones.
    return {"sweep": {"controls": ["EC2.13"], "scope": {"groupIds": [group]}, "enforce": True}}


def one_jvm(java, env, family, flags, warm, tag, log_path=None):
    """Init, restore hooks (if in flags), then 1 + warm invocations: (first ms, [warm ms], failures, priming ms).
    SQS batches stop at 3 warm ones: 40 revokes stay inside the pacer's burst, so none of them waits for EC2's budget."""
    if family.ports and len(family.ports) > 1:
        warm = min(warm, 3)
    if log_path:
        flags = flags + ["-Xlog:class+load=info:file=%s:uptime" % log_path]
    p = Timed(argv(java, flags), env, tag)
    lat, failures = [], []
    try:
        for _ in range(1 + warm):
            p.send(family.event())
            _, secs, ok, body = p.result()
            if not ok or not family.good(body):
                failures.append("%s %s: %s" % (family.name, tag, body[:300]))
            lat.append(secs * 1000)
        p.finish()
    finally:
        p.kill()
    priming = None
    with open(p.err.name) as f:
        for line in f:
            if line.startswith("PRIMING_NANOS "):
                priming = int(line.split()[1]) / 1e6
    return lat[0], lat[1:], failures, priming


def run(java, moto_url, fx, log, rounds, warm):
    # As deployed: findings updated (UPDATE_FINDINGS defaults to true) through a stand-in for BatchUpdateFindings,
    # which moto lacks, and a report bucket (every sweep writes its report to S3; moto's S3 here). The sharing lookups
    # of every alert and sweep are answered by the bench's moto (moto_indexed.py) as for an account sharing nothing.
    security_hub = harness.SecurityHubStandIn()
    fx.s3.create_bucket(Bucket=REPORT_BUCKET)
    env = harness.java_env(moto_url, {"AWS_ENDPOINT_URL_SECURITYHUB": security_hub.url,
                                      "REPORT_BUCKET": REPORT_BUCKET})
    try:
        return measured(java, env, fx, log, rounds, warm)
    finally:
        log("restore: %d BatchUpdateFindings calls reached the Security Hub stand-in, %d of them naming no finding"
            " (refused)" % (security_hub.calls, security_hub.refused))
        security_hub.stop()


def measured(java, env, fx, log, rounds, warm):
    fams = families(fx)
    # BENCH_RESTORE_ROUNDS: more first invocations per variant on a noisy machine; BENCH_RESTORE_PRIMED_ONLY=1: only
    # the primed variant (the goal's), for quick iterations.
    rounds = int(os.environ.get("BENCH_RESTORE_ROUNDS") or rounds)
    variants = [("init only, no hooks", SNAPSTART_FLAGS), ("init + priming (CRaC hooks)", SNAPSTART_FLAGS + RESTORE)]
    if os.environ.get("BENCH_RESTORE_PRIMED_ONLY") == "1":
        variants = variants[1:]
    first = {(f.name, v): [] for f in fams for v, _ in variants}
    warms = {(f.name, v): [] for f in fams for v, _ in variants}
    primings, failures, peer = [], [], []
    peer_group = fx.group("bench-restore-peer")
    peer_argv = ["python3", os.path.join(harness.BENCH, "python_peer.py"), peer_group, "tcp", "22", "22", "0.0.0.0/0"]
    for r in range(rounds):  # interleaved, so drift on a shared machine hits every variant alike
        for f in fams:
            for v, flags in variants:
                a, w, bad, primed = one_jvm(java, env, f, flags, warm, "restore-%d-%s-%s" % (
                    r, f.name.split()[0].lower(), "primed" if "priming" in v else "plain"))
                first[(f.name, v)].append(a)
                warms[(f.name, v)] += w
                failures += bad
                if primed is not None:
                    primings.append(primed)
        fx.reseed(peer_group, [22])
        wall, _, code, out = harness.run_plain(peer_argv, env, "restore-peer-%d" % r)
        if code != 0:
            failures.append("python peer: " + out[:300])
        peer.append(wall * 1000)
    log("restore: one more primed and unprimed JVM per family with -Xlog:class+load ...")
    loaded = {}
    for f in fams:
        for v, flags in variants:
            path = os.path.join(harness.LOGS, "restore-classload-%s-%s.log" % (
                f.name.split()[0].lower(), "primed" if "priming" in v else "plain"))
            one_jvm(java, env, f, flags, 0, "restore-classload", log_path=path)
            loaded[(f.name, v)] = classload.between(path, "dev.sgrevoker.bench.BenchInvoke$BeforeFirstInvocation",
                                                    "dev.sgrevoker.bench.BenchInvoke$FirstInvocationDone")
    peer_ms = summarize(peer)
    rows = [("7. restore path (SnapStart)", "Python boto3 peer, cold process", {"wall ms": peer_ms}, "the 0.3x reference")]
    for f in fams:
        for v, _ in variants:
            fs, ws = summarize(first[(f.name, v)]), summarize(warms[(f.name, v)])
            n, pkgs = loaded[(f.name, v)]
            note = "first/warm **%.2f**, first/peer **%.2f**; classes loaded by the first: %s (%s)" % (
                fs["median"] / ws["median"], fs["median"] / peer_ms["median"], n, pkgs)
            if f.name.startswith("SQS"):
                note += "; per message first/peer **%.2f**" % (fs["median"] / len(f.ports) / peer_ms["median"])
            if "priming" in v and primings:
                note += "; priming took %.0f ms" % summarize(primings)["median"]
            rows.append(("7. restore path (SnapStart)", "%s: %s" % (f.name, v),
                         {"first ms": fs, "warm ms": ws}, note))
    return rows, failures
