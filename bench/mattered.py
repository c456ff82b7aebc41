"""The "what mattered" table and the notes of the restore, fleet and candidates sections, for bench/RESULTS.md. Figures come
from this run's rows where the run measured them; the rest were measured while developing (date and load given)."""


def median(rows, section, variant, metric):
    for s, v, metrics, _ in rows:
        if s.startswith(section) and v.startswith(variant) and metrics.get(metric):
            return metrics[metric]["median"]
    return None


def fmt(v, unit="", digits=2):
    return "not run" if v is None else ("%." + str(digits) + "f%s") % (v, unit)


def restore_cells(rows):
    out = []
    for family in ("direct invoke", "SQS batch of 10", "Security Hub finding, with its finding update",
                   "sweep (enforcing, scoped to one group), with its report"):
        plain = median(rows, "7.", family + ": init only", "first ms")
        primed = median(rows, "7.", family + ": init + priming", "first ms")
        warm = median(rows, "7.", family + ": init + priming", "warm ms")
        out.append("%s: first %s → %s (warm %s)" % (family, fmt(plain, " ms", 0), fmt(primed, " ms", 0),
                                                     fmt(warm, " ms", 0)))
    return "; ".join(out)


def cold_ratio(rows, variant):
    peer = median(rows, "9.", "Python boto3 peer", "wall s")
    java = median(rows, "9.", variant, "wall s")
    return None if peer is None or java is None else java / peer


def table(rows):
    base = median(rows, "9.", "this package", "wall s")

    def versus(variant):
        v = median(rows, "9.", variant, "wall s")
        if v is None or base is None:
            return "not run"
        return "%.3f s vs %.3f s (%+.0f%%), Java/Python %s" % (v, base, (v / base - 1) * 100,
                                                             fmt(cold_ratio(rows, variant)))

    own = ("pacing per instance", "pacing shared")
    fleet = ["%s: %s × bound, %s throttling errors" % (
        name, fmt(median(rows, "8.", name, "total / lower bound")),
        fmt(median(rows, "8.", name, "throttling errors"), "", 0)) for name in own]
    lines = [
        "| candidate | item | effect | kept |",
        "|---|---|---|---|",
        "| Priming runs every trigger family through a handler of its own, twelve rounds, three through the real EC2 "
        "and nine through the same EC2 code answered in the process (made-up rules of a group that does not exist, "
        "every revoke EC2 sees a DryRun), reads the default group (read-only), builds the answer model "
        "classes | "
        "restore | this run, section 7: %s. While developing (03:12, load 6.3): classes loaded by the first "
        "invocation 1,590 unprimed, 49–65 with the families primed, 7–9 once the answer classes were built too | "
        "yes |" % restore_cells(rows),
        "| Priming rounds: 1, 3 or 6 (quick runs, 03:43, load 4–6) | restore | first invocations 79/45/28 ms "
        "(direct), 76/39–52/76 ms (Security Hub) against warm 26–61 ms: single samples within the noise of a busy "
        "machine; 3 kept as a middle (about 1 s more at publish time, no effect on a restore). 2026-12-07 on an idle "
        "machine: 3, 6 and 12 real rounds, then 12 with 9 answered in the process (docs/performance.md, what the "
        "first invocation after a restore paid): the SQS batch 1.16x warm with 6, 1.04x with 12 real (priming 9.4 s), "
        "0.97x with 3 real + 9 answered (1.7 s) | 12 (3 real) |",
        "| C1 only with SnapStart too (JAVA_TOOL_OPTIONS -XX:TieredStopAtLevel=1; the java25 runtime leaves C2 on "
        "with SnapStart) | restore | 2026-12-07, JVM pinned to one core: C2's compile threads took 28 ms CPU in a "
        "warm direct invocation and 45-65 ms in the first after a restore, against the handler's own 20-30 ms; C1 "
        "only: 7-9 ms | yes |",
        "| Priming's requests revoking (not all DryRun), every other sweep round enforcing with world-open checks, "
        "result events through an EventBridge client on an in-process HTTP answer | restore | 2026-12-07, C1 only, "
        "one core: the first direct invocation's own thread +9-12 ms CPU over a warm one before, +1.3 ms after | "
        "yes |",
        "| Priming held strongly (org.crac keeps a Resource only through a weak reference) | restore | with the "
        "bench's GC before the checkpoint the hook was collected and never ran: priming 1 ms, first direct "
        "invocation 962 ms vs 1,040 ms unprimed (03:06, load 7.3) | yes |",
        "| Every pacer starts full after restore (AwsClients.restartPacers from afterRestore) | restore | no figure: "
        "here the clock runs on through the emulated restore; on Lambda the tokens priming spent at publish time "
        "would otherwise still be missing after a restore, with a clock that may have stood still | yes |",
        "| EventBridge client built on its own thread during init | cold | 7 interleaved rounds (03:38, load ~6): "
        "1.036 s before, 1.056 s, 1.075 s built on first use; at one vCPU 1.147 / 1.099 / 1.101 s: within noise "
        "| no |",
        "| EventBridge client built on first use | cold | as above: the result event is always sent, so the same "
        "work moves into the invocation | no |",
        "| SDK checksum settings (requestChecksumCalculation WHEN_REQUIRED) | cold | not applicable: the EC2 and "
        "EventBridge builders have no such settings (no flexible-checksum operations) | n/a |",
        "| JSON without databind's ObjectMapper: trees built from jackson-core's parser, written by its generator "
        "(report.JsonText; JsonNode.toString() would build Jackson's internal mapper) | cold | this run, section 9 "
        "against the package before it: %s; a micro-measurement (05:27): parse + write 160 ms with an ObjectMapper, "
        "45 ms without | yes |" % versus_package(rows, "package basepkg-json-databind"),
        "| Jars stored, not deflated | cold | this run, section 9: %s | no: Lambda unpacks the zip before a cold "
        "start can load a class, and stored jars move all of their inflating there: 36 MiB of jars become 110 MiB "
        "(the EC2 jar alone 25 MiB → about 90; about a tenth of its classes are ever loaded), a cost this bench "
        "cannot see; tried as a re-packing step in function/pom.xml (05:55) and not kept |" % versus("jars stored"),
        "| Every jar unpacked into one directory | cold | this run, section 9: %s (and service files of "
        "different jars would overwrite each other) | %s |" % (versus("every jar unpacked"),
                                                                layout_kept(rows, "every jar unpacked")),
        "| lib/ ordering on the class path | cold | not measured: Lambda puts /var/task/lib/* on the class path "
        "in its own order, not the zip's | — |",
        "| -XX:-BytecodeVerificationRemote (JAVA_TOOL_OPTIONS) | cold | this run, section 9: %s; verification of "
        "DefaultEc2Client is what loads ~850 EC2 classes | no: a diagnostic flag that switches off a JVM safety "
        "check, in a function holding revoke rights; the CDS/AOT archives get the same saving by storing "
        "verified classes |" % versus("+ -XX:+UnlockDiagnosticVMOptions"),
        "| -XX:-UsePerfData | cold | this run, section 9: %s | no |" % versus("+ -XX:-UsePerfData"),
        "| AppCDS archive / AOT cache | cold | this run, section 1: Java/Python %s / %s (no archive %s) | no, "
        "for the zip (decided: a runtime update invalidates them); for container images, yes |" % (
            fmt(ratio1(rows, "Java + AppCDS")), fmt(ratio1(rows, "Java + AOT")), fmt(ratio1(rows, "Java, Lambda zip"))),
        "| Sweep primed: a report-only sweep scoped to the made-up group, its inventory read filtered to that "
        "group | restore | this run, section 7 (sweep above) | yes |",
        "| DescribeSecurityGroups pages sized by the rules they carry (the SDK parses a page whole, and each group "
        "brings its rules): first 2,000 rules a page after a page of 1,000 groups, then (kept) pages that start at "
        "10 groups and grow at most twofold, near 5,000 rules, also for the alerts' describes | memory | 100,400 "
        "rules, heap capped at 128 MB (05:31 and 05:43, load ~1–2): 43 full collections with the live heap "
        "climbing to 118 MB before, 7 after, 40 s either way; the first page of 1,000 groups alone still held "
        "106 MB live, which the small first page removes (a 128 MB heap could not hold a page of groups with "
        "raised rule quotas) | yes |",
        "| Heap cap: JAVA_TOOL_OPTIONS=-XX:MaxHeapSize=128m in template.yaml | memory | the serial GC grows the heap "
        "rather than collect (little stays live); sweep section below, with and without the template's options | "
        "yes |",
        "| A larger young generation (-Xmn32m) | memory | (05:29–05:38, load ~1–2) 20,400 rules: 235–241 MiB vs "
        "303–306; 100,400: 347 MiB vs 523: less, but still growing with the account | no: the cap bounds it |",
        "| Soft references cleared at once (-XX:SoftRefLRUPolicyMSPerMB=0) | memory | (05:43) 100,400 rules: 523 "
        "MiB uncapped, 213 MiB capped, as without it: soft references were not what stayed | no |",
        "| Pacing shares the account's budget: burst and rate divided by MAX_CONCURRENCY | many instances | this "
        "run, section 8: %s. While developing: 2 instances (the template's default cap), 200 messages (03:54, "
        "load 1.9–3.1): per instance 1.03 × bound with 34 throttling errors, shared 1.11 × with none; 4 instances, "
        "300 messages (03:27, load ~8): 1.15 × with 130, shared 1.20 × with none | yes |" % "; ".join(fleet),
    ]
    return "\n".join(lines)


def versus_package(rows, baseline):
    now, before = median(rows, "9.", "this package", "wall s"), median(rows, "9.", baseline, "wall s")
    if now is None or before is None:
        return "not run (set BENCH_BASELINE_PKG to a package built from the commit before)"
    return "%.3f s vs %.3f s (%+.0f%%), Java/Python %s" % (now, before, (now / before - 1) * 100,
                                                         fmt(cold_ratio(rows, "this package")))


def layout_kept(rows, variant):
    v, base = median(rows, "9.", variant, "wall s"), median(rows, "9.", "this package", "wall s")
    if v is None or base is None or v / base > 0.9:
        return "no: not 10% better"
    return ("no: the saving is inflating classes at load time, which Lambda's unpacking of the zip would then do for "
            "every class in the package before the cold start (110 MiB instead of 36), a cost this bench cannot see")


def ratio1(rows, variant):
    peer = median(rows, "1.", "Python boto3 peer", "wall s")
    java = median(rows, "1.", variant, "wall s")
    return None if peer is None or java is None else java / peer


NOTES = [
    "Restore path (section 7): `-Dbench.restore=true` makes the bench's runner stand in for a SnapStart restore in "
    "one JVM: init (the handler's constructor), a full GC (one may run before the snapshot), then the function's "
    "CRaC hooks through the org.crac API bound to a minimal CRaC implementation in bench/src (beforeCheckpoint = "
    "the priming, then afterRestore), then the first invocation of one trigger family and warm ones. Flags: the "
    "serial GC and MaxRAM, tiered compilation as the java25 runtime leaves it with SnapStart (C2 on), then template.yaml's JAVA_TOOL_OPTIONS, which stop it at C1. One JVM per "
    "family and variant; rounds interleaved. Not reproduced: the microVM restore itself (page faults on first "
    "touch of restored memory, new network), so on Lambda the first invocation also pays the restore; the peer is "
    "a whole boto3 process, started cold. \"Classes loaded by the first\" counts classes loaded between two marker "
    "classes in one more run with `-Xlog:class+load`. An SQS batch does ten revocations: per message it is a "
    "tenth of the figure. The sweep family is an enforcing sweep scoped to one group (the account holds the other "
    "sections' groups too); its priming is a report-only sweep scoped to the made-up group.",
    "What the snapshot keeps (SnapStartPriming's comment): credentials are not primed state, since SnapStart "
    "functions get container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) that the SDK fetches and refreshes "
    "by their expiry in wall-clock time; the SDK's invocation-id header (a java.util.Random built with the client), "
    "its credential-refresh jitter and retry jitter (ThreadLocalRandom) repeat across instances restored from one "
    "snapshot, which nothing here relies on (EC2 idempotency is ClientToken, which revoke does not take); a "
    "keep-alive connection from before the snapshot is dead after restore: the first call on it fails with an "
    "I/O error, which HttpURLConnection (for a cached connection) or else the SDK's retry strategy retries on a new "
    "connection, at the cost of one attempt (and one pacer token), so no afterRestore work is needed for it. afterRestore resets the EC2 call pacers (AwsClients.restartPacers): priming spent tokens at snapshot time, "
    "and their clock (System.nanoTime) may stand still across the snapshot; refills also never take negative "
    "elapsed time.",
    "Many instances (section 8): N JVMs run the handler on SQS batches, each fed by a poller thread that emulates "
    "Lambda's event source mapping over a moto queue (receive up to 10, invoke, delete what batchItemFailures does "
    "not name; visibility 30 s); each instance starts as SnapStart restores it and the clock starts when all are "
    "ready. EC2 goes through the throttle (50 + 5/s revokes, 100 + 20/s describes, 20 ms a call). Lower bound = "
    "max((accepted revokes - 50)/5, (accepted describes - 100)/20) s + two calls after the last revoke. With "
    "MAX_CONCURRENCY = N each instance paces at 1/N of the buckets (burst 48/N, 4.75/N per second for revokes), so "
    "the fleet stays under the account's budget whatever runs at once; the price is that one instance alone runs "
    "at 1/N (template.yaml sets MAX_CONCURRENCY from the same parameter as the reserved concurrency and the queue's "
    "maximum concurrency, so N instances is the most there can be). What is left above the bound is the pacers' 5% "
    "margin and the last batches, when fewer than N instances still have work.",
    "Cold candidates (section 9): the same cold invocation as section 1 under Lambda zip flags, interleaved with "
    "the Python peer; `BENCH_BASELINE_PKG=dir[,dir]` adds packages built from other commits, `BENCH_CANDIDATES` "
    "picks variants by name. \"At 1.0 vCPU\" runs under a cgroup CPU quota of one CPU, Lambda's share at "
    "1,769 MB: work done in parallel on this 2-core machine is not parallel there.",
]
