"""Processes and EC2 fixtures for bench/run: moto, the WireMock throttle, seeding, and timed child processes."""
import json
import os
import socket
import subprocess
import threading
import time
import urllib.request

import boto3
from botocore.config import Config

BENCH = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(BENCH, "target")
LOGS = os.path.join(TARGET, "logs")
WIREMOCK_JAR = os.path.expanduser(
    "~/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar")
CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
         "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:  # not up yet: connection refused, or 404 while it boots
            time.sleep(0.1)
    raise RuntimeError("no answer from " + url)


class Service:
    """A child process on a loopback port, logged to bench/target/logs, stopped by its own pid."""

    def __init__(self, name, argv, port, ready_path, env=None):
        os.makedirs(LOGS, exist_ok=True)
        self.name, self.port = name, port
        self.url = "http://127.0.0.1:%d" % port
        self.log = open(os.path.join(LOGS, name + ".log"), "w")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        wait_http(self.url + ready_path, 60)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def start_moto():
    """moto_indexed.py: moto, with the sharing lookups moto lacks answered as AWS does for an account sharing none
    (else every sweep's DescribeSecurityGroupVpcAssociations is a 500 the SDK retries for seconds)."""
    port = free_port()
    return Service("moto", ["python3", os.path.join(BENCH, "moto_indexed.py"), "-H", "127.0.0.1", "-p", str(port)],
                   port, "/moto-api/")


def start_throttle(moto_url, java, latency_ms=20):
    """WireMock standalone proxying everything to moto, with the Ec2Throttle extension in front."""
    port = free_port()
    argv = [java, "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx256m", "-Dbench.latencyMs=%d" % latency_ms,
            "-cp", WIREMOCK_JAR + os.pathsep + os.path.join(TARGET, "wiremock-ext"), "wiremock.Run",
            "--port", str(port), "--bind-address", "127.0.0.1", "--proxy-all", moto_url,
            "--extensions", "dev.sgrevoker.bench.Ec2Throttle", "--no-request-journal", "--disable-banner",
            "--container-threads", "40"]
    return Service("wiremock-throttle", argv, port, "/__admin/health")


def throttle_reset(svc):
    urllib.request.urlopen(urllib.request.Request(svc.url + "/__admin/throttle/reset", data=b"", method="POST")).read()


def throttle_stats(svc):
    return json.loads(urllib.request.urlopen(svc.url + "/__admin/throttle/stats").read())


class Fixtures:
    """Seeds rules straight into moto (never through the throttle) with boto3."""

    def __init__(self, moto_url):
        session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                        region_name="us-east-1")
        # A busy moto holding 100,000 rules can take longer than botocore's 60 s to answer.
        self.ec2 = session.client("ec2", endpoint_url=moto_url, config=Config(read_timeout=600))
        self.events = session.client("events", endpoint_url=moto_url)
        self.s3 = session.client("s3", endpoint_url=moto_url)

    def group(self, name):
        return self.ec2.create_security_group(GroupName=name, Description="sg-revoker bench")["GroupId"]

    def authorize(self, group_id, ports, cidr="0.0.0.0/0"):
        """Ingress tcp rules on the given ports from cidr, one call; returns their rule ids."""
        perms = [{"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": cidr}]} for p in ports]
        answer = self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=perms)
        return [r["SecurityGroupRuleId"] for r in answer["SecurityGroupRules"]]

    def ingress_ids(self, group_id):
        return [r["SecurityGroupRuleId"] for r in self.ec2.describe_security_group_rules(
            Filters=[{"Name": "group-id", "Values": [group_id]}])["SecurityGroupRules"] if not r["IsEgress"]]

    def reseed(self, group_id, ports):
        """Exactly the given ingress rules, whatever an earlier (maybe failed) run left: returns their rule ids."""
        present = self.ingress_ids(group_id)
        if present:
            self.ec2.revoke_security_group_ingress(GroupId=group_id, SecurityGroupRuleIds=present)
        self.authorize(group_id, ports)
        return self.ingress_ids(group_id)  # moto 5.2.1 answers an authorize with its last rule only

    def ingress_count(self, group_ids):
        pages = self.ec2.get_paginator("describe_security_group_rules").paginate(
            Filters=[{"Name": "group-id", "Values": list(group_ids)}], MaxResults=1000)
        return sum(1 for page in pages for r in page["SecurityGroupRules"] if not r["IsEgress"])


def java_env(moto_url, extra=None):
    """What the Lambda runtime puts in the environment, pointed at the local endpoint."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "JAVA_TOOL_OPTIONS", "JDK_JAVA"))}
    env.update(CREDS)
    env.update({"AWS_ENDPOINT_URL": moto_url, "EVENT_BUS_NAME": "default", "AWS_LAMBDA_FUNCTION_NAME": "sg-revoker",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1769", "AWS_EXECUTION_ENV": "AWS_Lambda_java25"})
    env.update(extra or {})
    return env


class Timed:
    """A child process under /usr/bin/time (peak RSS), fed events line by line, answering RESULT lines."""

    def __init__(self, argv, env, tag):
        self.rss_file = os.path.join(LOGS, tag + ".time")
        self.err = open(os.path.join(LOGS, tag + ".stderr"), "w")
        self.stdout_noise = []
        self.t0_wall = time.time()
        self.t0 = time.monotonic()
        argv = [a.replace("@T0@", str(int(self.t0_wall * 1000))) for a in argv]
        self.proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", self.rss_file] + argv, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err)

    def send(self, event):
        self.proc.stdin.write(json.dumps(event, separators=(",", ":")) + "\n")
        self.proc.stdin.flush()

    def result(self, limit_s=120):
        """(seconds since spawn, handler seconds, ok, response text) of the next invocation."""
        watchdog = threading.Timer(limit_s, self.kill)  # bounds the run even if a handler hangs
        watchdog.start()
        try:
            return self._result()
        finally:
            watchdog.cancel()

    def _result(self):
        line = self.proc.stdout.readline()
        while line and not line.startswith("RESULT "):  # the JVM's own warnings (e.g. -Xlog) also land on stdout
            self.stdout_noise.append(line)
            line = self.proc.stdout.readline()
        at = time.monotonic() - self.t0
        if not line:
            raise RuntimeError("runner ended without a result: %r; see %s" % (self.stdout_noise[-3:], self.err.name))
        _, nanos, outcome, body = line.rstrip("\n").split(" ", 3)
        return at, int(nanos) / 1e9, outcome == "ok", body

    def finish(self, seconds=60):
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        rest = self.proc.stdout.read()
        try:
            self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.err.close()
        with open(self.rss_file) as f:
            rss_kb = int(f.read().split()[-1])
        return rest, rss_kb / 1024.0

    def marks(self):
        with open(self.err.name) as f:
            return {p[1]: int(p[2]) for p in (line.split() for line in f if line.startswith("MARK ")) if len(p) == 3}

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def run_plain(argv, env, tag, timeout=120):
    """A one-shot child (the Python peer): wall seconds to exit, peak RSS MiB, exit code, stdout."""
    rss_file = os.path.join(LOGS, tag + ".time")
    t0 = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv, env=env, text=True,
                          capture_output=True, timeout=timeout)
    wall = time.monotonic() - t0
    with open(rss_file) as f:
        rss_kb = int(f.read().split()[-1])
    return wall, rss_kb / 1024.0, done.returncode, done.stdout + done.stderr[-2000:]


def summarize(values):
    """median, p10, p90, min, max of a list (nearest-rank percentiles; fine for 5-20 samples)."""
    v = sorted(values)
    if not v:
        return None
    pick = lambda q: v[min(len(v) - 1, max(0, int(round(q * (len(v) - 1)))))]
    mid = len(v) // 2
    median = v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2
    return {"median": median, "p10": pick(0.1), "p90": pick(0.9), "min": v[0], "max": v[-1], "n": len(v)}


class SecurityHubStandIn:
    """Security Hub's BatchUpdateFindings (PATCH /findings/batchupdate), which moto lacks: every finding processed,
    a call naming none refused (400 InvalidInputException), each call counted. The function reaches it through AWS_ENDPOINT_URL_SECURITYHUB, as the tests' stand-in does."""

    def __init__(self):
        import http.server
        stand_in = self
        self.calls = 0
        self.refused = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PATCH(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stand_in.calls += 1
                if not body.get("FindingIdentifiers"):
                    # As Security Hub answers an update naming no finding (SnapStart priming sends one).
                    stand_in.refused += 1
                    answer = json.dumps({"Message": "Invalid parameter 'FindingIdentifiers'"}).encode()
                    self.send_response(400)
                    self.send_header("x-amzn-ErrorType", "InvalidInputException")
                else:
                    answer = json.dumps({"ProcessedFindings": body["FindingIdentifiers"],
                                         "UnprocessedFindings": []}).encode()
                    self.send_response(200 if self.path == "/findings/batchupdate" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
