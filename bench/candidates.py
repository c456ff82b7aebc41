"""Section 9 of bench/run: cold-start candidates side by side (Lambda zip flags, interleaved rounds), each against
the Python boto3 peer of the same rounds. A baseline package (BENCH_BASELINE_PKG, e.g. one built from an earlier
commit) shows what a code change did; jar layouts and flags show what the zip or JAVA_TOOL_OPTIONS could do."""
import os

import harness
from harness import TARGET, Timed, summarize
from sections import LAMBDA_FLAGS, RULE, RUNNER, direct_payload, java_argv, revoked

CGROUP = "/sys/fs/cgroup/cpu/sg-revoker-bench-candidates"


def classpath(pkg, exploded=False):
    if exploded:
        return os.pathsep.join([RUNNER, os.path.join(TARGET, "pkg-exploded")])
    return os.pathsep.join([RUNNER, pkg, os.path.join(pkg, "lib", "*")])


def variants():
    pkg = os.path.join(TARGET, "pkg")
    out = [("this package, lib/*.jar (as SAM builds it)", LAMBDA_FLAGS, classpath(pkg))]
    for base in reversed([b for b in os.environ.get("BENCH_BASELINE_PKG", "").split(",") if b]):
        out.insert(0, ("package %s" % os.path.basename(base.rstrip("/")), LAMBDA_FLAGS, classpath(base)))
    only = os.environ.get("BENCH_CANDIDATES")  # a comma-separated list of name fragments, to measure fewer
    out += [
        ("jars stored, not deflated", LAMBDA_FLAGS, classpath(os.path.join(TARGET, "pkg-stored"))),
        ("every jar unpacked into one directory", LAMBDA_FLAGS, classpath(None, exploded=True)),
        ("+ -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote",
         LAMBDA_FLAGS + ["-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote"], classpath(pkg)),
        ("+ -XX:-UsePerfData", LAMBDA_FLAGS + ["-XX:-UsePerfData"], classpath(pkg)),
    ]
    if only:
        out = [v for v in out if any(o in v[0] for o in only.split(","))]
    if one_cpu():  # Lambda's share at 1,769 MB: what runs in parallel on 2 cores here does not there
        packages = [v for v in out if v[0].startswith(("package ", "this package"))]
        out += [(name + ", at 1.0 vCPU", flags + ["@1CPU"], cp) for name, flags, cp in packages]
    return out


def one_cpu():
    """A cgroup v1 CPU quota of one CPU, as the memory section uses; False where none can be made."""
    try:
        os.makedirs(CGROUP, exist_ok=True)
        with open(os.path.join(CGROUP, "cpu.cfs_period_us"), "w") as f:
            f.write("100000")
        with open(os.path.join(CGROUP, "cpu.cfs_quota_us"), "w") as f:
            f.write("100000")
        return True
    except OSError:
        return False


def once(bench, flags, cp, tag):
    argv = java_argv(bench.java, [f for f in flags if f != "@1CPU"], cp)
    if "@1CPU" in flags:
        argv = ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && shift && exec "$@"', CGROUP, "x"] + argv
    p = Timed(argv, bench.env, tag)
    try:
        p.send(direct_payload(bench.group))
        at, _, ok, body = p.result()
        p.finish()
    finally:
        p.kill()
    return at, ok, body


def run(bench, rounds, log):
    vs = variants()
    walls = {name: [] for name, _, _ in vs}
    peer_walls, failures = [], []
    peer = ["python3", os.path.join(harness.BENCH, "python_peer.py"), bench.group, *map(str, RULE)]
    for i in range(rounds):
        for k, (name, flags, cp) in enumerate(vs):
            bench.fx.reseed(bench.group, [22])
            at, ok, body = once(bench, flags, cp, "candidate-%d-%d" % (i, k))
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
    try:
        os.rmdir(CGROUP)
    except OSError:
        pass
    return rows, failures
