"""Reads a -Xlog:class+load:file=...:uptime log of one cold invocation: classes per phase, origin and package."""
import collections
import re

LINE = re.compile(r"\[(\d+\.\d+)s\] (\S+) source: (.*)")
# Classes whose first load marks a phase boundary on the function's path (loaded once, in this order).
MARKERS = [
    ("dev.sgrevoker.bench.BenchInvoke", "JVM boot → runner main()"),
    ("dev.sgrevoker.handler.RevokeHandler", "runner → handler class loaded"),
    ("dev.sgrevoker.aws.AwsClients", "handler class init (static fields, verification)"),
    ("dev.sgrevoker.priming.SnapStartPriming", "SDK clients built (EC2 + EventBridge)"),
    ("dev.sgrevoker.intake.DirectInvoke", "constructor end → invocation starts"),
    ("sun.net.www.protocol.http.HttpURLConnection", "invocation: JSON intake → first EC2 request marshalled"),
    ("java.lang.Shutdown", "first HTTP request → response, result event (PutEvents)"),
]


def origin(source):
    if "shared objects file" in source:
        return "CDS/AOT archive"
    if source.startswith("jrt:"):
        return "JDK modules, not archived"
    if ".jar" in source:
        return "jar " + re.sub(r"-[0-9][0-9.]*\.jar$", "", source.rsplit("/", 1)[-1])
    if source.startswith("file:"):
        return "function classes dir"
    return "generated (lambdas, proxies)"


def group(name):
    parts = name.split(".")
    if name.startswith("software.amazon.awssdk.services."):
        return ".".join(parts[:5])
    if name.startswith("software.amazon.awssdk."):
        return ".".join(parts[:4])
    return ".".join(parts[:2])


def summarize(path):
    rows = [(float(m.group(1)), m.group(2), m.group(3)) for m in map(LINE.match, open(path)) if m]
    first = {}
    for i, (_, name, _) in enumerate(rows):
        first.setdefault(name, i)
    cuts = [(first[c], label) for c, label in MARKERS if c in first]
    out = ["| phase (ends when its marker class loads) | ends at s (logging on) | classes | top origins | top packages |",
           "|---|---|---|---|---|"]
    start = 0
    for end, label in cuts:
        chunk = rows[start:end]
        if chunk:
            origins = collections.Counter(origin(s) for _, _, s in chunk).most_common(3)
            packages = collections.Counter(group(n) for _, n, _ in chunk).most_common(3)
            out.append("| %s | %.2f | %d | %s | %s |" % (label, rows[end][0], len(chunk),
                                                         ", ".join("%s %d" % o for o in origins),
                                                         ", ".join("%s %d" % p for p in packages)))
        start = end
    totals = collections.Counter(origin(s) for _, _, s in rows)
    out += ["", "Classes loaded in all: %d; by origin: %s." % (
        len(rows), ", ".join("%s %d" % o for o in totals.most_common(8)))]
    return "\n".join(out), len(rows)


def between(path, start, end):
    """Classes loaded after marker class `start` and before marker class `end`: (count, top packages text)."""
    rows = [m.group(2) for m in map(LINE.match, open(path)) if m]
    try:
        chunk = rows[rows.index(start) + 1:rows.index(end)]
    except ValueError:
        return None, "markers not found"
    packages = collections.Counter(group(n) for n in chunk).most_common(3)
    return len(chunk), ", ".join("%s %d" % p for p in packages)
