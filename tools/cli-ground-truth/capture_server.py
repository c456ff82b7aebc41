#!/usr/bin/env python3
"""Helper for record.sh (NOT part of the build; only used to regenerate the
ground-truth fixture function/src/test/resources/cli/revoke-cases.json).

Modes:
  serve PORT LOGFILE
      Fake EC2 endpoint on 127.0.0.1:PORT. Every POST body (EC2 query protocol,
      form-encoded) is decoded and appended to LOGFILE as one JSON line (an
      ordered list of [key, value] pairs). Answers every request with a valid
      RevokeSecurityGroupIngress success response.
  entry NAME EXITCODE STDERRFILE LOGFILE -- ARGS...
      Print one fixture object (one JSON line) for a finished CLI run.
  assemble JSONL OUTFILE
      Turn the JSON lines written by `entry` into the final pretty JSON array.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl

RESPONSE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<RevokeSecurityGroupIngressResponse '
    'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
    '<requestId>00000000-0000-0000-0000-000000000000</requestId>'
    '<return>true</return>'
    '</RevokeSecurityGroupIngressResponse>'
).encode()


def serve(port, logfile):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get('Content-Length') or 0)
            body = self.rfile.read(length).decode('utf-8')
            pairs = parse_qsl(body, keep_blank_values=True,
                              strict_parsing=False)
            with open(logfile, 'a', encoding='utf-8') as fh:
                fh.write(json.dumps(pairs) + '\n')
            self.send_response(200)
            self.send_header('Content-Type', 'text/xml;charset=UTF-8')
            self.send_header('Content-Length', str(len(RESPONSE)))
            self.end_headers()
            self.wfile.write(RESPONSE)

        def log_message(self, *a):
            pass

    HTTPServer(('127.0.0.1', int(port)), Handler).serve_forever()


def entry(name, exit_code, stderr_file, logfile, args):
    with open(stderr_file, encoding='utf-8') as fh:
        err = fh.read().strip()
    try:
        with open(logfile, encoding='utf-8') as fh:
            requests = [json.loads(l) for l in fh if l.strip()]
    except FileNotFoundError:
        requests = []
    if len(requests) > 1:
        raise SystemExit('%s: more than one request sent' % name)
    sent = None
    if requests:
        sent = {}
        for k, v in requests[0]:
            if k in ('Action', 'Version'):
                continue
            if k in sent:
                raise SystemExit('%s: duplicate key %s' % (name, k))
            sent[k] = v
    obj = {
        'name': name,
        'args': args,
        'sent': sent,
        'error': err if (err and int(exit_code) != 0) else None,
        'exitCode': int(exit_code),
    }
    if int(exit_code) == 0 and err:
        obj['stderr'] = err  # a warning printed on success, kept for review
    print(json.dumps(obj))


def assemble(jsonl, outfile):
    with open(jsonl, encoding='utf-8') as fh:
        cases = [json.loads(l) for l in fh if l.strip()]
    names = [c['name'] for c in cases]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit('duplicate case names: %s' % sorted(dupes))
    with open(outfile, 'w', encoding='utf-8') as fh:
        json.dump(cases, fh, indent=2, ensure_ascii=False)
        fh.write('\n')


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'serve':
        serve(sys.argv[2], sys.argv[3])
    elif mode == 'entry':
        sep = sys.argv.index('--')
        entry(*sys.argv[2:6], args=sys.argv[sep + 1:])
    elif mode == 'assemble':
        assemble(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit('unknown mode ' + mode)
