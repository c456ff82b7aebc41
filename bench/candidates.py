"""Section 9 of bench/run: cold-start candidates side by side (Lambda zip flags, interleaved rounds), each against
the Python boto3 peer of the same rounds. A baseline package (BENCH_BASELINE_PKG, e.g. one built from an earlier
commit) shows what a code change did; jar layouts and flags show what the zip or JAVA_TOOL_OPTIONS could do."""
import os

import harness
from harness import TARGET, summarize
from sections import LAMBDA_FLAGS, RULE, RUNNER, direct_payload, revoked


def classpath(pkg, exploded=False):
    if exploded:
        return os.pathsep.join([RUNNER, os.path.join(TARGET, "pkg-exploded")])
    return os.pathsep.join([RUNNER, pkg, os.path.join(pkg, "lib", "*")])


def variants():
    pkg = os.path.join(TARGET, "pkg")
    out = [("this package, lib/*.jar (as SAM builds it)", LAMBDA_FLAGS, classpath(pkg))]
    base = os.environ.get("BENCH_BASELINE_PKG")
    if base:
        out.insert(0, ("baseline package (%s)" % os.path.basename(base.rstrip("/")), LAMBDA_FLAGS, classpath(base)))
    out += [
        ("jars stored, not deflated", LAMBDA_FLAGS, classpath(os.path.join(TARGET, "pkg-stored"))),
        ("every jar unpacked into one directory", LAMBDA_FLAGS, classpath(None, exploded=True)),
        ("+ -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote",
         LAMBDA_FLAGS + ["-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote"], classpath(pkg)),
        ("+ -XX:-UsePerfData", LAMBDA_FLAGS + ["-XX:-UsePerfData"], classpath(pkg)),
    ]
    return out


def run(bench, rounds, log):
    vs = variants()
    walls = {name: [] for name, _, _ in vs}
    peer_walls, failures = [], []
    peer = ["python3", os.path.join(harness.BENCH, "python_peer.py"), bench.group, *map(str, RULE)]
    for i in range(rounds):
        for k, (name, flags, cp) in enumerate(vs):
            bench.fx.reseed(bench.group, [22])
            at, _, ok, body, _ = bench.java_once(flags, cp, "candidate-%d-%d" % (i, k), direct_payload(bench.group))
            if not ok or revoked(body) != 1:
                failures.append("%s: %s" % (name, body[:300]))
            walls[name].append(at)
        bench.fx.reseed(bench.group, [22])
        wall, _, code, out = harness.run_plain(peer, bench.env, "candidate-peer-%d" % i)
        if code != 0:
            failures.append("python peer: " + out[:300])
        peer_walls.append(wall)
    py = summarize(peer_walls)
    ref = summarize(walls[vs[0][0]])["median"]
    rows = [("9. cold candidates", "Python boto3 peer", {"wall s": py}, "")]
    for name, _, _ in vs:
        s = summarize(walls[name])
        rows.append(("9. cold candidates", name, {"wall s": s}, "Java/Python **%.2f**; %+.0f%% vs %s" % (
            s["median"] / py["median"], (s["median"] / ref - 1) * 100, "first row")))
    return rows, failures
