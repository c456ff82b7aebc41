#!/usr/bin/env python3
"""Driver of bench/run (use that: it builds the package first). Prints the table and writes bench/RESULTS.md."""
import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
import zipfile

import harness
import candidates
import fleet
import mattered
import org_section
import restore
import sections
from harness import BENCH, TARGET


def package_size():
    """The deployment zip as SAM builds it for Maven (classes at the root, lib/*.jar), deflated."""
    pkg, out = os.path.join(TARGET, "pkg"), os.path.join(TARGET, "function.zip")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for d, _, files in os.walk(pkg):
            for f in sorted(files):
                z.write(os.path.join(d, f), os.path.relpath(os.path.join(d, f), pkg))
    unzipped = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(pkg) for f in fs)
    jars = sorted(((os.path.getsize(os.path.join(pkg, "lib", j)), j) for j in os.listdir(os.path.join(pkg, "lib"))),
                  reverse=True)
    top = ", ".join("%s %.1f" % (j, n / 2**20) for n, j in jars[:3])
    return [("5. deployment package", "zip of classes + lib/*.jar (%d jars)" % len(jars),
             {"zip MiB": one(os.path.getsize(out) / 2**20), "unzipped MiB": one(unzipped / 2**20)},
             "largest MiB: " + top)]


def one(v):
    return {"median": v, "min": v, "max": v, "p10": v, "p90": v, "n": 1}


def cell(name, s):
    if s is None:
        return "%s –" % name
    digits = 0 if "MiB" in name and s["median"] >= 20 else 3 if s["median"] < 10 else 1
    f = "%%.%df" % digits
    if s["n"] == 1 or s["min"] == s["max"]:
        return ("%s " + f) % (name, s["median"])
    spread = (f + "–" + f) % ((s["min"], s["max"]) if s["n"] < 10 else (s["p10"], s["p90"]))
    return ("%s **" + f + "** (%s%s)") % (name, s["median"], spread, "" if s["n"] < 10 else " p10–p90")


def table(rows):
    lines = ["| section | variant | median (spread) | runs | note |", "|---|---|---|---|---|"]
    for section, variant, metrics, note in rows:
        runs = max((s["n"] for s in metrics.values() if s), default=0)
        lines.append("| %s | %s | %s | %d | %s |" % (section, variant,
                                                     "<br>".join(cell(k, s) for k, s in metrics.items()), runs, note))
    return "\n".join(lines)


def phases_text(phases):
    order = [("main", "JVM start → runner main()"), ("handler-class-initialized", "→ handler class loaded+initialized"),
             ("handler-constructed", "→ handler constructed (SDK clients built)"),
             ("invocation-1-done", "→ first invocation returned (response)")]
    out, prev = [], 0
    for key, label in order:
        s = phases.get(key)
        if isinstance(s, dict):
            out.append("| %s | %d | +%d |" % (label, s["median"], s["median"] - prev))
            prev = s["median"]
    return "\n".join(["| phase (Java, Lambda zip flags, median of the cold runs) | ms since spawn | step ms |",
                      "|---|---|---|"] + out)


NOTES = [
    "Lambda flags: the java25 runtime stops tiered compilation at C1 and uses the serial GC unless SnapStart or "
    "provisioned concurrency is on (AWS Lambda docs, java-customization). Not reproduced: the runtime interface "
    "client's own start-up, and the sandbox's CPU share (one vCPU at 1769 MB vs 2 full cores here; the memory section emulates it), so "
    "absolute times on Lambda are higher for Java and Python alike; the ratio is the comparable figure.",
    "Wall time is from spawning the process to reading its response (Java) or to its exit (Python peer); peak "
    "RSS is /usr/bin/time's maximum resident set size. Cold variants run interleaved, 7 rounds (3 with --quick).",
    "AppCDS / AOT: trained here with one real cold invocation each (`-XX:ArchiveClassesAtExit`, "
    "`-XX:AOTCacheOutput`), on a jars-only class path (the function's classes as lib/function.jar: CDS refuses "
    "non-empty directories). `-XX:AOTCache` refuses any explicit `-Xshare` option. An archive is valid only for "
    "the exact JDK build and class path it was made with, so on Lambda it must be built with the runtime's own "
    "Corretto 25 and /var/task paths and shipped in the zip; a mismatched one is skipped with an error line and "
    "the function starts without the gain.",
    "Large cleanup: the throttle is WireMock standalone 3.13.2 (`--proxy-all` to moto) with bench/wiremock's "
    "Ec2Throttle extension: token buckets revoke/authorize 50 + 5/s, Describe* 100 + 20/s, HTTP 503 "
    "RequestLimitExceeded past them, 20 ms added to every call. Lower bound = max((accepted revokes - 50)/5, "
    "(accepted describes - 100)/20) s + 20 ms per describe + 20 ms for the last revoke; the ratio uses the "
    "handler's own duration. Throttling errors are 503s the proxy answered (the SDK retried them). moto ignores "
    "MaxResults on DescribeSecurityGroupRules, so it answers 1,200 rules in one page where EC2 would take two.",
    "Sweep: its own moto (bench/moto_indexed.py: moto whose DescribeSecurityGroupRules by group-id looks at the "
    "named groups only, instead of copying and filtering every rule of the account per call, which took seconds at "
    "20,000 rules and past the SDK's 30 s read timeout at 100,000) and throttle (the account holds only the sweep's "
    "4,000 groups and the default VPC's group); the throttle also pages DescribeSecurityGroups/-Rules by MaxResults "
    "with NextToken, as EC2 does and moto does not, and adds up the time proxied calls spend in moto (EC2 would not "
    "take it), which the ratio to the lower bound leaves out. Peak RSS with the template's heap cap, and without it "
    "(the serial GC then grows the heap towards MaxRAM 1769m's 442 MB rather than collecting). The Java run is one invocation with a 900 s budget (Lambda's maximum; at the template's 60 s the "
    "sweep hands the rest over to the request queue), sweep {controls: [EC2.13], enforce: true}. The boto3 peer does "
    "what Cloud Custodian's remove-permissions does (describe all groups, revoke the matching IpPermissions per "
    "group) with botocore's standard retries and no pacing; its lower bound uses the calls EC2 accepted from it.",
    "Organization sweep run (section 10, bench/org_section.py): its own moto (moto_indexed.py) with an organization "
    "of 12 ACTIVE accounts (the function's own and 11 members, reached through STS as member roles) and EC2 in "
    "us-east-1 and eu-west-1 of each; the throttle keeps one pair of buckets per account-region (the region from the "
    "call's SigV4 scope, the account from moto's GetCallerIdentity for the call's access key). One sweep "
    "{controls: [EC2.13], accounts: allowed, regions: allowed, enforce: true} is dispatched by the handler, then "
    "ORGANIZATION_CONCURRENCY (template default) JVMs, each started as SnapStart restores it, drain the FIFO shard "
    "queue one shard at a time as the event source (batch size 1) would, and one more drains the request queue "
    "(hand-overs); wall time is from the dispatch to the last shard's or hand-over's end, the roll-up checked. "
    "Lower bound: per account-region, the longer of its buckets' refill for the calls accepted past the burst and "
    "one 20 ms latency per accepted call (an instance calls one at a time); the run at least its longest "
    "account-region and at least their sum over the concurrency. GB-s: every invocation's handler duration, "
    "rounded up to the ms, times the template's memory (init and restore not counted). The alerts variant sends "
    "EC2.14 Security Hub findings about groups of some of the same account-regions, one a second, during the run. "
    "The peer: org_peer.py, a process pool of the same size over account x region, each task assuming the role "
    "and doing custodian_peer.py's remove-permissions; its RSS is its largest process's.",
    "The machine is shared with other sessions; the load average above says how busy it was. Medians are the "
    "figures to compare; wide spreads mean a busy machine, not a property of the function.",
]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--java", required=True)
    ap.add_argument("--quick", action="store_true", help="fewer runs (3 cold, 1 large cleanup) for a smoke check")
    ap.add_argument("--sections", default="cold,warm,restore,large,fleet,sqs,size,memory,candidates,sweep,org")
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--build-only", action="store_true")
    args = ap.parse_args()
    todo = set(args.sections.split(","))
    cold_runs, warm_n, large_runs, sqs_runs = (3, 8, 1, 3) if args.quick else (7, 20, 5, 5)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    started = time.monotonic()
    rows, failures, phases = [], [], {}
    loads = [("start", os.getloadavg()[0])]
    moto = harness.start_moto()
    throttle = None
    try:
        fx = harness.Fixtures(moto.url)
        b = sections.Bench(args.java, moto.url, fx, log)
        if "cold" in todo:
            loads.append(("cold", os.getloadavg()[0]))
            log("cold: training AppCDS / AOT archives ...")
            b.train()
            log("cold: %d interleaved runs of each variant ..." % cold_runs)
            r, phases, f = b.cold(cold_runs, with_archives=True)
            rows += r
            failures += f
            log("cold: one more run with -Xlog:class+load for the breakdown ...")
            phases["classload"] = b.breakdown()
        if "warm" in todo:
            loads.append(("warm", os.getloadavg()[0]))
            log("warm: %d invocations in one JVM ..." % warm_n)
            r, f = b.warm(warm_n)
            rows += r
            failures += f
        if "restore" in todo:
            loads.append(("restore", os.getloadavg()[0]))
            log("restore: init, CRaC hooks, first and warm invocations per trigger family ...")
            r, f = restore.run(args.java, moto.url, fx, log, 1 if args.quick else 3, 5 if args.quick else 10)
            rows += r
            failures += f
        if "large" in todo:
            loads.append(("large", os.getloadavg()[0]))
            log("large cleanup: starting the WireMock throttle, %d run(s) ..." % large_runs)
            throttle = harness.start_throttle(moto.url, args.java)
            r, f = b.large(large_runs, throttle)
            rows += r
            failures += f
        if "fleet" in todo:
            loads.append(("fleet", os.getloadavg()[0]))
            log("fleet: several instances draining one queue through the throttle ...")
            throttle = throttle or harness.start_throttle(moto.url, args.java)
            r, f = fleet.run(args.java, moto.url, throttle, fx, log, 1 if args.quick else 2, int(os.environ.get("BENCH_FLEET_MESSAGES", 150 if args.quick else 300)),
                           int(os.environ.get("BENCH_FLEET_INSTANCES", 4)))
            rows += r
            failures += f
        if "sqs" in todo:
            loads.append(("sqs", os.getloadavg()[0]))
            log("sqs: %d runs ..." % sqs_runs)
            r, f = b.sqs(sqs_runs)
            rows += r
            failures += f
        if "sweep" in todo:
            log("sweep: 20,000 and 100,000 rules in 4,000 groups, 400 offending, through the throttle ...")
            r, f = b.sweep()
            rows += r
            failures += f
        if "org" in todo:
            loads.append(("org", os.getloadavg()[0]))
            log("org: an organization sweep run over accounts x regions, shards on several instances, and a "
                "c7n-org-like peer ...")
            r, f = org_section.run(args.java, log, args.quick)
            rows += r
            failures += f
        if "candidates" in todo:
            loads.append(("candidates", os.getloadavg()[0]))
            log("candidates: cold runs of each start-up candidate ...")
            r, f = candidates.run(b, 3 if args.quick else 7, log)
            rows += r
            failures += f
        if "size" in todo:
            rows += package_size()
        if "memory" in todo:
            loads.append(("memory", os.getloadavg()[0]))
            log("memory: cold runs under each size's CPU share ...")
            r, f = b.memory(3 if args.quick else 5)
            rows += r
            failures += f
    finally:
        if throttle:
            throttle.stop()
        moto.stop()
    loads.append(("end", os.getloadavg()[0]))
    report(args, rows, phases, failures, time.monotonic() - started, loads)


def report(args, rows, phases, failures, seconds, loads):
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()
    command = "bench/run" + "".join(" " + a for a in sys.argv[1:] if not a.startswith("--java")
                                    and not a.endswith("/bin/java"))
    facts = "%s; nproc %d; 1-minute load average when each section started: %s; %s; %s; Python %s, boto3 %s, moto %s" % (
        datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), os.cpu_count(),
        ", ".join("%s %.1f" % l for l in loads),
        platform.platform(),
        java_version[1] if len(java_version) > 1 else java_version[0], platform.python_version(),
        __import__("boto3").__version__, __import__("moto").__version__)
    text = ["# sg-revoker benchmark results", "", "Command: `%s` (whole run %.0f s)  " % (command, seconds),
            "Machine: " + facts, "",
            "JVM flags for \"Lambda zip flags\": `%s` (the java25 runtime's defaults without SnapStart, "
            "`MaxRAM` standing in for the 1769 MB sandbox, then template.yaml's JAVA_TOOL_OPTIONS). Endpoint: moto on loopback; the large cleanup goes "
            "through the WireMock throttle (`bench/wiremock/`). Spread: min–max under 10 runs, else p10–p90." % (
                " ".join(sections.LAMBDA_FLAGS)), "", table(rows), ""]
    if phases:
        text += ["## Where the Java cold start goes", "", phases_text(phases), "",
                 "Class loading of one more cold run (`-Xlog:class+load`, marker classes split the phases):", "",
                 phases.get("classload", ""), ""]
    if any(r[0].startswith(("7.", "8.", "9.")) for r in rows):
        text += ["## What mattered", "", "Every candidate tried for the restore path, the cold start "
                 "without SnapStart and many instances, and what it did; figures from this run where it measured "
                 "them.", "", mattered.table(rows), ""]
    text += ["## Notes", ""] + ["- " + n for n in NOTES + mattered.NOTES] + [""]
    if failures:
        text += ["## Problems seen", ""] + ["- " + f.replace("|", "\\|") for f in failures[:20]] + [""]
    out = "\n".join(text)
    print(out)
    if not args.no_write:
        with open(os.path.join(BENCH, "RESULTS.md"), "w") as f:
            f.write(out)


if __name__ == "__main__":
    main()
