"""The measured sections of bench/run. Each returns rows for the table: (section, variant, metrics dict, note)."""
import json
import os
import re
import time

import classload
import harness
from harness import TARGET, Timed, summarize

HANDLER = "dev.sgrevoker.handler.RevokeHandler::handleRequest"
MEMORY_MB = 1769  # template.yaml's MemorySize
TIMEOUT_MS = 60_000  # template.yaml's Timeout


def template_java_tool_options():
    """template.yaml's JAVA_TOOL_OPTIONS: Lambda hands them to the JVM, so every Java run here gets them too."""
    with open(os.path.join(os.path.dirname(harness.BENCH), "template.yaml")) as f:
        found = re.search(r'^\s*JAVA_TOOL_OPTIONS:\s*"?([^"\n#]*)"?', f.read(), re.M)
    return found.group(1).split() if found else []


TEMPLATE_FLAGS = template_java_tool_options()
# The java25 managed runtime's documented defaults without SnapStart (C1 only, serial GC; the JDK's default CDS
# archive is on by default); MaxRAM stands in for the sandbox's memory so heap ergonomics match a 1769 MB function;
# then the template's own options.
RUNTIME_FLAGS = ["-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=%dm" % MEMORY_MB]
LAMBDA_FLAGS = RUNTIME_FLAGS + TEMPLATE_FLAGS
RUNNER = os.path.join(TARGET, "runner.jar")
CP_DIR = os.pathsep.join([RUNNER, os.path.join(TARGET, "pkg"), os.path.join(TARGET, "pkg", "lib", "*")])
CP_JAR = os.pathsep.join([RUNNER, os.path.join(TARGET, "pkg-jar", "lib", "*")])
JSA = os.path.join(TARGET, "app.jsa")
AOT = os.path.join(TARGET, "app.aot")
RULE = ("tcp", 22, 22, "0.0.0.0/0")


def java_argv(java, flags, cp, timeout_ms=TIMEOUT_MS):
    return [java] + flags + ["-Dbench.t0=@T0@", "-cp", cp, "dev.sgrevoker.bench.BenchInvoke", HANDLER,
                             str(timeout_ms), str(MEMORY_MB)]


def direct_payload(group_id, port=22):
    return {"GroupId": group_id, "IpPermissions": [
        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}


def revoked(body):
    try:
        return json.loads(body).get("counts", {}).get("REVOKED", 0)
    except ValueError:
        return 0


class Bench:
    def __init__(self, java, moto_url, fx, log):
        self.java, self.moto_url, self.fx, self.log = java, moto_url, fx, log
        self.env = harness.java_env(moto_url)
        self.group = fx.group("bench-cold")

    def java_once(self, flags, cp, tag, event):
        """One fresh JVM, one invocation: (wall s to response, peak RSS MiB, ok, body, marks)."""
        p = Timed(java_argv(self.java, flags, cp), self.env, tag)
        try:
            p.send(event)
            at, _, ok, body = p.result()
            p.finish()
        finally:
            p.kill()
        return at, p_rss(p), ok, body, p.marks()

    def train(self):
        """Training runs, each a real cold invocation: a dynamic AppCDS archive and a JDK 25 AOT cache."""
        for path, flags in ((JSA, LAMBDA_FLAGS + ["-XX:ArchiveClassesAtExit=" + JSA]),
                            (AOT, LAMBDA_FLAGS + ["-XX:AOTCacheOutput=" + AOT])):
            if os.path.exists(path):
                os.remove(path)
            self.fx.reseed(self.group, [22])
            _, _, ok, body, _ = self.java_once(flags, CP_JAR, "train-" + os.path.basename(path),
                                               direct_payload(self.group))
            self.log("  trained %s (%.1f MiB): %s" % (os.path.basename(path), os.path.getsize(path) / 2**20,
                                                      "ok" if ok and revoked(body) == 1 else body[:200]))

    def cold(self, runs, with_archives):
        variants = [("Java, Lambda zip flags", LAMBDA_FLAGS, CP_DIR)]
        if with_archives:
            variants += [("Java + AppCDS archive", LAMBDA_FLAGS + ["-XX:SharedArchiveFile=" + JSA], CP_JAR),
                         ("Java + AOT cache (JEP 483/514)", LAMBDA_FLAGS + ["-XX:AOTCache=" + AOT], CP_JAR)]
        variants += [("Java, JVM defaults (C2, G1)", ["-XX:MaxRAM=%dm" % MEMORY_MB], CP_DIR)]
        walls = {v[0]: [] for v in variants}
        rss = {v[0]: [] for v in variants}
        walls["Python boto3 peer"], rss["Python boto3 peer"] = [], []
        marks, failures = [], []
        peer = ["python3", os.path.join(harness.BENCH, "python_peer.py"), self.group, *map(str, RULE)]
        for i in range(runs):  # interleaved, so drift on the machine hits every variant alike
            for k, (name, flags, cp) in enumerate(variants):
                self.fx.reseed(self.group, [22])
                at, mib, ok, body, m = self.java_once(flags, cp, "cold-%d-%d" % (i, k), direct_payload(self.group))
                if not ok or revoked(body) != 1:
                    failures.append("%s: %s" % (name, body[:300]))
                walls[name].append(at)
                rss[name].append(mib)
                if name == variants[0][0]:
                    marks.append(m)
            self.fx.reseed(self.group, [22])
            wall, mib, code, out = harness.run_plain(peer, self.env, "peer-%d" % i)
            if code != 0:
                failures.append("python peer: " + out[:300])
            walls["Python boto3 peer"].append(wall)
            rss["Python boto3 peer"].append(mib)
        rows = []
        py = summarize(walls["Python boto3 peer"])["median"]
        base = summarize(walls[variants[0][0]])["median"]
        for name in list(walls):
            med = summarize(walls[name])["median"]
            note = "" if name == "Python boto3 peer" else "Java/Python **%.2f**" % (med / py)
            if name not in (variants[0][0], "Python boto3 peer"):
                note += "; %+.0f%% vs Lambda zip flags" % ((med / base - 1) * 100)
            rows.append(("1. cold invocation", name, {"wall s": summarize(walls[name]), "peak RSS MiB": summarize(rss[name])},
                         note))
        phases = {k: summarize([m[k] for m in marks if k in m]) for k in
                  ("main", "handler-class-initialized", "handler-constructed", "invocation-1-done")}
        return rows, phases, failures

    def breakdown(self):
        """One more cold run (Lambda flags) with -Xlog:class+load, read into phases; logging slows it ~2x."""
        path = os.path.join(harness.LOGS, "cold-classload.log")
        self.fx.reseed(self.group, [22])
        at, _, ok, body, marks = self.java_once(
            LAMBDA_FLAGS + ["-Xlog:class+load=info:file=%s:uptime" % path], CP_DIR, "cold-classload",
            direct_payload(self.group))
        text, _ = classload.summarize(path)
        return text + " This run took %.2f s with logging on (%s)." % (at, "ok" if ok and revoked(body) == 1 else body[:100])

    def memory(self, runs, sizes=(512, 1024, 1769, 3008)):
        """Cold invocation under the CPU share Lambda gives each memory size (1,769 MB = one vCPU), emulated with a
        cgroup v1 CPU quota, so the template's MemorySize can be chosen from a measurement."""
        root = "/sys/fs/cgroup/cpu"
        if not os.access(root, os.W_OK):
            return [("6. memory setting", "skipped", {}, "no writable cgroup v1 cpu controller here")], []
        walls, rss, failures = {m: [] for m in sizes}, {m: [] for m in sizes}, []
        groups = {}
        for mb in sizes:
            path = os.path.join(root, "sg-revoker-bench-%d" % mb)
            os.makedirs(path, exist_ok=True)
            with open(os.path.join(path, "cpu.cfs_period_us"), "w") as f:
                f.write("100000")
            with open(os.path.join(path, "cpu.cfs_quota_us"), "w") as f:
                f.write(str(int(100000 * mb / 1769)))
            groups[mb] = path
        try:
            for i in range(runs):  # interleaved, as for the cold section
                for mb in sizes:
                    flags = LAMBDA_FLAGS[:-1] + ["-XX:MaxRAM=%dm" % mb]
                    argv = ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && shift && exec "$@"', groups[mb], "x"] + \
                        java_argv(self.java, flags, CP_DIR)
                    self.fx.reseed(self.group, [22])
                    p = Timed(argv, self.env, "memory-%d-%d" % (mb, i))
                    try:
                        p.send(direct_payload(self.group))
                        at, _, ok, body = p.result()
                        p.finish()
                    finally:
                        p.kill()
                    if not ok or revoked(body) != 1:
                        failures.append("memory %d MB: %s" % (mb, body[:300]))
                    walls[mb].append(at)
                    rss[mb].append(p_rss(p))
        finally:
            for path in groups.values():
                try:
                    os.rmdir(path)
                except OSError:
                    pass
        rows = [("6. memory setting (cold, CPU share of the size)", "%d MB = %.2f vCPU" % (mb, mb / 1769),
                 {"wall s": summarize(walls[mb]), "peak RSS MiB": summarize(rss[mb])}, "") for mb in sizes]
        return rows, failures

    def warm(self, n):
        """One JVM, n invocations of the same payload; the rule is re-seeded (straight into moto) in between."""
        p = Timed(java_argv(self.java, LAMBDA_FLAGS, CP_DIR), self.env, "warm")
        lat, failures = [], []
        try:
            for _ in range(n):
                self.fx.reseed(self.group, [22])
                p.send(direct_payload(self.group))
                _, secs, ok, body = p.result()
                if not ok or revoked(body) != 1:
                    failures.append(body[:300])
                lat.append(secs * 1000)
            _, mib = p.finish()
        finally:
            p.kill()
        rows = [("2. warm invocations", "first invocation after init", {"handler ms": summarize(lat[:1])}, ""),
                ("2. warm invocations", "invocations 2..%d, one JVM" % n, {"handler ms": summarize(lat[1:])},
                 "peak RSS %.0f MiB after %d" % (mib, n))]
        return rows, failures

    def large(self, runs, throttle, groups=200, per_group=5):
        """1,000 rules over 200 groups, revoked in one invocation through the EC2 throttle (fresh JVM per run)."""
        gids = [self.fx.group("bench-large-%03d" % i) for i in range(groups)]
        rows, failures = [], []
        walls, handler, ratios, throttled, calls = [], [], [], [], {}
        # One request of 1,000 rules: above MAX_REVOCATIONS' default of 50, so the limit is raised for it.
        env = harness.java_env(self.moto_url, {"AWS_ENDPOINT_URL_EC2": throttle.url, "MAX_REVOCATIONS": "1000"})
        for r in range(runs):
            payload = [{"GroupId": g, "SecurityGroupRuleIds": self.fx.reseed(g, range(1000, 1000 + per_group))}
                       for g in gids]
            harness.throttle_reset(throttle)
            p = Timed(java_argv(self.java, LAMBDA_FLAGS, CP_DIR), env, "large-%d" % r)
            try:
                p.send(payload)
                at, secs, ok, body = p.result()
                p.finish()
            finally:
                p.kill()
            stats = harness.throttle_stats(throttle)
            got = revoked(body)
            if not ok or got != groups * per_group:
                failures.append("large run %d: %d of %d revoked; %s" % (r, got, groups * per_group, body[:300]))
            left = self.fx.ingress_count(gids)
            if left:
                failures.append("large run %d: %d rules still present afterwards" % (r, left))
            bound = lower_bound(stats)
            walls.append(at)
            handler.append(secs)
            ratios.append(secs / bound)
            throttled.append(sum(stats["throttled"].values()))
            for action, n in stats["calls"].items():
                calls.setdefault(action, []).append(n)
            self.log("  large run %d: %.1f s handler, bound %.1f s, calls %s, throttled %s" % (
                r, secs, bound, stats["calls"], stats["throttled"]))
        per_action = ", ".join("%s %s" % (a, fmt_n(summarize(v))) for a, v in sorted(calls.items()))
        rows.append(("3. large cleanup (1,000 rules / 200 groups)", "one invocation via throttle, 20 ms/call",
                     {"handler s": summarize(handler), "process wall s": summarize(walls),
                      "handler / lower bound": summarize(ratios), "throttling errors": summarize(throttled)},
                     "calls: " + per_action))
        return rows, failures

    def sweep(self):
        """Section 7 (bench/sweep_section.py): its own moto and throttle."""
        import sweep_section
        return sweep_section.sweep(self.java, java_argv, LAMBDA_FLAGS, CP_DIR, self.log, lower_bound,
                                   runtime_flags=RUNTIME_FLAGS)

    def sqs(self, runs):
        """10 messages: a real SQS event if the handler takes one (tried first), else 10 direct invocations."""
        group = self.fx.group("bench-sqs")
        ports = list(range(2000, 2010))
        event = lambda: sqs_event([direct_payload(group, port) for port in ports])
        self.fx.reseed(group, ports)
        probe = Timed(java_argv(self.java, LAMBDA_FLAGS, CP_DIR), self.env, "sqs-probe")
        try:
            probe.send(event())
            _, _, ok, probe_body = probe.result()
            probe.finish()
        finally:
            probe.kill()
        takes_sqs = ok and "batchItemFailures" in probe_body
        walls, sums, failures = [], [], []
        for r in range(runs):
            self.fx.reseed(group, ports)
            p = Timed(java_argv(self.java, LAMBDA_FLAGS, CP_DIR), self.env, "sqs-%d" % r)
            try:
                total = 0.0
                for ev in [event()] if takes_sqs else [direct_payload(group, port) for port in ports]:
                    p.send(ev)
                    at, secs, ok, body = p.result()
                    total += secs
                    good = ok and (not json.loads(body)["batchItemFailures"] if takes_sqs else revoked(body) == 1)
                    if not good:
                        failures.append("sqs run %d: %s" % (r, body[:300]))
                walls.append(at)
                sums.append(total)
                p.finish()
            finally:
                p.kill()
        label = ("SQS event, 10 records, fresh JVM" if takes_sqs
                 else "10 direct invocations, fresh JVM (handler takes no SQS event yet)")
        return [("4. SQS batch of 10", label, {"process wall s": summarize(walls), "handler s": summarize(sums)},
                 "" if takes_sqs else "the SQS event was refused: " + probe_body[:160])], failures


def p_rss(p):
    with open(p.rss_file) as f:
        return int(f.read().split()[-1]) / 1024.0


def sqs_event(bodies):
    return {"Records": [{
        "messageId": "bench-%02d" % i, "receiptHandle": "bench-%02d" % i, "body": json.dumps(b),
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": str(int(time.time() * 1000))},
        "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:sg-revoker-bench", "awsRegion": "us-east-1"}
        for i, b in enumerate(bodies)]}


def lower_bound(stats, latency=0.020):
    """Seconds the buckets allow at best for the calls EC2 accepted, plus one latency per describe and the last revoke."""
    ok = {a: n - stats["throttled"].get(a, 0) for a, n in stats["calls"].items()}
    revokes = ok.get("RevokeSecurityGroupIngress", 0) + ok.get("AuthorizeSecurityGroupIngress", 0)
    describes = sum(n for a, n in ok.items() if a.startswith("Describe"))
    return max(max(0, revokes - 50) / 5, max(0, describes - 100) / 20) + latency * (describes + 1)


def fmt_n(s):
    return "%g" % s["median"] if s["min"] == s["max"] else "%g (%g–%g)" % (s["median"], s["min"], s["max"])
