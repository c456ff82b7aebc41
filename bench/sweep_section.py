"""bench/run's sweep section: a policy sweep over a whole account through the EC2 throttle, and a boto3 peer doing
what Cloud Custodian's remove-permissions does, on the same data. Its own moto and throttle, so the account holds
only the sweep's groups."""
import json
import os
import time

import harness
from harness import Timed, summarize

SWEEP_TIMEOUT_MS = 900_000  # Lambda's longest timeout: the whole sweep in one invocation, no hand-over
OFFENDING_PORT, WORLD = 22, "0.0.0.0/0"
REPORT_BUCKET = "sg-revoker-bench-reports"


def seed(ec2, groups, per_group, have, log):
    """Tops every group up to per_group ingress rules: tcp 22 (from 10.0.0.0/8) plus compliant tcp rules."""
    started = time.monotonic()
    for g in groups:
        perms = []
        if have == 0:
            perms.append({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]})
        for p in range(max(have, 1), per_group):
            perms.append({"IpProtocol": "tcp", "FromPort": 3000 + p, "ToPort": 3000 + p,
                          "IpRanges": [{"CidrIp": "10.0.0.0/8"}]})
        if perms:
            ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=perms)
    log("  sweep: %d groups topped up to %d rules each in %.0f s" % (len(groups), per_group,
                                                                     time.monotonic() - started))


def offend(ec2, groups):
    """Gives each of these groups one tcp 22 rule from the world (again, after a run took it away)."""
    for g in groups:
        try:
            ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": WORLD}]}])
        except ec2.exceptions.ClientError as e:  # still there after a run that did not take it away
            if e.response["Error"]["Code"] != "InvalidPermission.Duplicate":
                raise


def world_open(ec2, groups):
    """The offending rules left in these groups (read by group-id: an unfiltered read of 100,000 rules from a busy
    moto can pass botocore's read timeout)."""
    left = 0
    for i in range(0, len(groups), 200):
        pages = ec2.get_paginator("describe_security_group_rules").paginate(
            Filters=[{"Name": "group-id", "Values": groups[i:i + 200]}], MaxResults=1000)
        left += sum(1 for page in pages for r in page["SecurityGroupRules"]
                    if not r["IsEgress"] and r.get("CidrIpv4") == WORLD and r.get("FromPort") == 22)
    return left


def moto_seconds(stats):
    """Time the proxied calls spent in moto: moto filters and renders in Python what EC2 answers at once."""
    return sum(stats.get("upstreamMicros", {}).values()) / 1e6


# The function's pacer (aws/CallPacer): 48 tokens, 4.75 a second, against EC2's revoke bucket of 50 and 5 a second.
PACER_BURST, PACER_RATE, BUCKET_BURST, BUCKET_RATE = 48, 4.75, 50, 5.0
LATENCY_MS = 20  # the throttle's per-call latency (harness.start_throttle)


def gc_millis(path):
    """Total pause time of the GC log -Xlog:gc wrote (lines ending in '<n>ms')."""
    total = 0.0
    try:
        with open(path) as f:
            for line in f:
                if "Pause" in line and line.rstrip().endswith("ms"):
                    total += float(line.rstrip()[:-2].rsplit(" ", 1)[-1])
    except (OSError, ValueError):
        return None
    return total


def phases(stats, start_wall, secs):
    """Where the handler's time went, from the throttle's timeline (arrival of each call, its time in moto):
    before the first accepted revoke (discovery), from the first to the last revoke, after the last. Seconds."""
    line = stats.get("timeline") or []
    revokes = [e for e in line if e[0] == "RevokeSecurityGroupIngress" and not e[2]]
    if not revokes:
        return None
    first, last, end = revokes[0][1] / 1e3, revokes[-1][1] / 1e3, start_wall + secs
    moto = lambda lo, hi, rev: sum(e[3] for e in line if lo <= e[1] / 1e3 < hi
                                   and (e[0] == "RevokeSecurityGroupIngress") == rev) / 1e6
    n = len(revokes)
    return {"before first revoke s": first - start_wall,
            "of which describes in moto s": moto(0, first, False),
            "describes before": sum(1 for e in line if e[1] / 1e3 < first and e[0].startswith("Describe")),
            "revoke span s": last - first,
            "pacer's span s": max(0, n - PACER_BURST) / PACER_RATE,
            "bucket's span s": max(0, n - BUCKET_BURST) / BUCKET_RATE,
            "revokes in moto s": moto(0, 1e12, True),
            "describes during revokes in moto s": moto(first, last, False),
            "after last revoke s": end - last,
            "of which in moto s": moto(last + 1e-3, 1e12, False),
            "describes after": sum(1 for e in line if e[1] / 1e3 > last and e[0].startswith("Describe")),
            # After the last EC2 call came back: the result, its event (to moto's EventBridge, not through the
            # throttle), logs and metrics.
            "after the last EC2 call s": end - (line[-1][1] + LATENCY_MS) / 1e3 - line[-1][3] / 1e6}


def phases_text(ph, gc_ms):
    if not ph:
        return "no revoke reached the throttle"
    text = ("before the first revoke %.1f s (%d describes, %.1f s of it in moto); revokes %.1f s first to last "
            "(the pacer's schedule %.1f s, the bucket's %.1f s; moto's time in revokes %.1f s, hidden by the "
            "pacing); after the last %.1f s (%d describes, %.1f s in moto)" % (
                ph["before first revoke s"], ph["describes before"], ph["of which describes in moto s"],
                ph["revoke span s"], ph["pacer's span s"], ph["bucket's span s"], ph["revokes in moto s"],
                ph["after last revoke s"], ph["describes after"], ph["of which in moto s"]))
    text += "; from the last EC2 call's answer to the handler's end %.1f s" % ph["after the last EC2 call s"]
    return text + ("; GC pauses %.2f s" % (gc_ms / 1e3) if gc_ms is not None else "")


def calls_text(stats):
    return ", ".join("%s %d%s" % (a, n, " (%d throttled)" % stats["throttled"][a] if stats["throttled"].get(a) else "")
                     for a, n in sorted(stats["calls"].items()))


def sweep(java, java_argv, flags, cp, log, lower_bound, groups=4000, offending=400, sizes=None, peer_sizes=(5, 25),
          runtime_flags=None):
    # BENCH_SWEEP_SIZES=25 runs the 100,400-rule size alone; BENCH_SWEEP_UNCAPPED=0 leaves out the run without
    # the template's JAVA_TOOL_OPTIONS (each saves minutes on a machine others share).
    sizes = sizes or tuple(int(n) for n in os.environ.get("BENCH_SWEEP_SIZES", "5,25").split(","))
    if os.environ.get("BENCH_SWEEP_UNCAPPED", "1") == "0":
        runtime_flags = None
    port = harness.free_port()
    moto = harness.Service("moto-sweep", ["python3", os.path.join(harness.BENCH, "moto_indexed.py"), "-H", "127.0.0.1",
                                          "-p", str(port)], port, "/moto-api/")
    throttle = harness.start_throttle(moto.url, java)
    rows, failures = [], []
    try:
        fx = harness.Fixtures(moto.url)
        ec2 = fx.ec2
        started = time.monotonic()
        gids = [ec2.create_security_group(GroupName="bench-sweep-%04d" % i, Description="sweep")["GroupId"]
                for i in range(groups)]
        log("  sweep: %d groups created in %.0f s" % (groups, time.monotonic() - started))
        have = 0
        # The deployer's limit (a sweep's own maxRevocations can only lower it) lets the 400 offending rules go.
        env = harness.java_env(moto.url, {"AWS_ENDPOINT_URL_EC2": throttle.url,
                                          "MAX_REVOCATIONS": str(10 * offending)})
        payload = {"sweep": {"controls": ["EC2.13"], "enforce": True}}
        for per_group in sizes:
            seed(ec2, gids, per_group, have, log)
            have = per_group
            total = groups * per_group + offending
            # Lambda's flags with the template's JAVA_TOOL_OPTIONS; at the largest size also without them.
            # and, as deployed, with the report written to S3 (REPORT_BUCKET; moto's S3 here).
            variants = [("Java, one invocation via throttle", flags, env, "")]
            if per_group == sizes[-1] and runtime_flags is not None:
                variants.append(("Java, same, without the template's JAVA_TOOL_OPTIONS", runtime_flags, env,
                                 "-runtime-flags"))
            if per_group == sizes[-1] and os.environ.get("BENCH_SWEEP_REPORT", "1") != "0":
                fx.s3.create_bucket(Bucket=REPORT_BUCKET)
                variants.append(("Java, same, with the report in S3 (REPORT_BUCKET)", flags,
                                 dict(env, REPORT_BUCKET=REPORT_BUCKET), "-report"))
            for label, run_flags, run_env, suffix in variants:
                extra = bool(suffix)
                offend(ec2, gids[:offending])
                load = os.getloadavg()[0]
                harness.throttle_reset(throttle)
                tag = "sweep-%d%s" % (total, suffix)
                gc_log = os.path.join(harness.LOGS, tag + ".gc.log")
                p = Timed(java_argv(java, run_flags + ["-Xlog:gc:file=" + gc_log], cp, SWEEP_TIMEOUT_MS), run_env,
                          tag)
                try:
                    p.send(payload)
                    at, secs, ok, body = p.result(limit_s=SWEEP_TIMEOUT_MS / 1000 + 60)
                    _, rss = p.finish()
                finally:
                    p.kill()
                stats = harness.throttle_stats(throttle)
                with open(os.path.join(harness.LOGS, tag + ".timeline.json"), "w") as f:
                    json.dump(stats.get("timeline"), f)
                try:
                    answer = json.loads(body)
                except ValueError:
                    answer = {}
                revoked = answer.get("counts", {}).get("REVOKED", 0)
                report = answer.get("report") or {}
                if suffix == "-report" and (not report.get("keys") or report.get("notWritten")):
                    failures.append("sweep over %d rules (%s): report not written: %s" % (total, label, report))
                left = world_open(ec2, gids[:offending])
                if not ok or revoked != offending or left:
                    failures.append("sweep over %d rules (%s): %d of %d revoked, %d left; %s" % (
                        total, label, revoked, offending, left, body[:300]))
                bound = lower_bound(stats)
                in_moto = moto_seconds(stats)
                ph = phases(stats, p.t0_wall + at - secs, secs)
                where = phases_text(ph, gc_millis(gc_log))
                # moto's time inside the revoke span is hidden by the pacing: only what lies outside it is taken off.
                outside = ph["of which describes in moto s"] + ph["of which in moto s"] if ph else in_moto
                log("  sweep over %d rules (%s): %.1f s handler of which %.1f s in moto (bound %.1f s), RSS %.0f MiB,"
                    " load %.1f, calls %s; %s" % (total, label, secs, in_moto, bound, rss, load, calls_text(stats),
                                                  where))
                rows.append(("7. sweep (%s rules / %d groups / %d offending)" % (format(total, ","), groups, offending),
                             label,
                             {"handler s": one(secs), "of which in moto s": one(in_moto),
                              "(handler - moto) / lower bound": one((secs - in_moto) / bound),
                              "(handler - moto outside the revokes) / lower bound": one((secs - outside) / bound),
                              "peak RSS MiB": one(rss), "throttling errors": one(sum(stats["throttled"].values()))},
                             "calls: %s; rulesScanned %s, groupsScanned %s; load avg %.1f at start; %s" % (
                                 calls_text(stats), answer.get("rulesScanned"), answer.get("groupsScanned"), load,
                                 where)))
                if not extra:
                    java_secs, java_moto = secs, in_moto
            if per_group not in peer_sizes:
                continue
            offend(ec2, gids[:offending])
            harness.throttle_reset(throttle)
            peer_env = dict(env)
            peer_env["AWS_ENDPOINT_URL"] = throttle.url
            argv = ["python3", os.path.join(harness.BENCH, "custodian_peer.py"), str(OFFENDING_PORT), WORLD]
            wall, peer_rss, code, out = harness.run_plain(argv, peer_env, "sweep-peer-%d" % total, timeout=1800)
            peer_stats = harness.throttle_stats(throttle)
            peer_moto = moto_seconds(peer_stats)
            left = world_open(ec2, gids[:offending])
            if code != 0 or left:
                failures.append("custodian peer over %d rules: exit %d, %d left; %s" % (total, code, left, out[:300]))
            log("  custodian peer over %d rules: %.1f s wall of which %.1f s in moto, RSS %.0f MiB, calls %s" % (
                total, wall, peer_moto, peer_rss, calls_text(peer_stats)))
            rows.append(("7. sweep (%s rules / %d groups / %d offending)" % (format(total, ","), groups, offending),
                         "boto3 peer: Custodian remove-permissions",
                         {"process wall s": one(wall), "of which in moto s": one(peer_moto),
                          "(wall - moto) / lower bound": one((wall - peer_moto) / lower_bound(peer_stats)),
                          "peak RSS MiB": one(peer_rss),
                          "throttling errors": one(sum(peer_stats["throttled"].values()))},
                         "calls: %s; Java / peer: **%.2f** as measured, **%.2f** without moto's time" % (
                             calls_text(peer_stats), java_secs / wall, (java_secs - java_moto) / (wall - peer_moto))))
    finally:
        throttle.stop()
        moto.stop()
    return rows, failures


def one(v):
    return summarize([v])
