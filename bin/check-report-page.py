#!/usr/bin/env python3
"""Opens report pages in headless Chromium through chromedriver (W3C WebDriver over HTTP, python3's urllib only)
and fails if a page shows markup from the data as elements, runs a script, loads anything, or overflows
horizontally at phone width. Takes a full-page screenshot of each page at laptop (1280 px) and phone (390 px)
width. Each page is checked as written and again with its Content-Security-Policy removed, so the escaping itself
is what is tested, not the policy that would block a script the escaping let through."""
import argparse
import base64
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars"]
WIDTHS = {"laptop": (1280, 800, False), "phone": (390, 844, True)}
# Every element the pages themselves use: anything else was made from the data.
OWN_ELEMENTS = {"HTML", "HEAD", "META", "TITLE", "STYLE", "BODY", "HEADER", "MAIN", "FOOTER", "SECTION", "ARTICLE",
                "H1", "H2", "H3", "P", "DL", "DT", "DD", "DIV", "B", "SPAN", "CODE", "PRE", "OL", "UL", "LI", "TABLE",
                "THEAD", "TBODY", "TR", "TH", "TD", "A"}
CHECKS_JS = """
const own = new Set(arguments[0]);
const found = [];
for (const e of document.querySelectorAll('*')) {
  if (!own.has(e.tagName)) found.push('element <' + e.tagName.toLowerCase() + '> from the data');
  for (const a of e.attributes) {
    if (a.name.startsWith('on')) found.push('event attribute ' + a.name + ' on <' + e.tagName.toLowerCase() + '>');
  }
  if (e.id && e.id.startsWith('injected')) found.push('element with id ' + e.id + ' from the data');
}
if (document.querySelectorAll('h1').length !== 1) found.push(document.querySelectorAll('h1').length + ' h1 elements');
if (document.title.includes('PWNED')) found.push('a script changed document.title: ' + document.title);
if (window.pwned !== undefined) found.push('a script set window.pwned');
const loaded = performance.getEntriesByType('resource').map(r => r.name);
if (loaded.length) found.push('the page loaded ' + loaded.join(', '));
const text = document.body.innerText;
for (const t of arguments[1]) if (!text.includes(t)) found.push('not shown as text: ' + JSON.stringify(t));
return {found: found, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
        bodyScroll: document.body.scrollWidth, title: document.title};
"""


class Driver:
    def __init__(self, chromedriver, chromium, profile):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen([chromedriver, f"--port={self.port}"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            try:
                if self.call("GET", "/status")["value"].get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.time() > deadline or self.proc.poll() is not None:
                raise SystemExit("check-report-page: chromedriver did not start")
            time.sleep(0.2)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium, "args": CHROMIUM_ARGS + [f"--user-data-dir={profile}"]}}}}
        self.session = self.call("POST", "/session", caps)["value"]["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"{}")

    def session_call(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)["value"]

    def cdp(self, cmd, params=None):
        return self.session_call("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params or {}})

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def check_page(driver, page, expect_text, shots, name):
    problems = []
    for label, (width, height, mobile) in WIDTHS.items():
        driver.cdp("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        driver.session_call("POST", "/url", {"url": page.as_uri()})
        result = driver.session_call("POST", "/execute/sync",
                                     {"script": CHECKS_JS, "args": [sorted(OWN_ELEMENTS), expect_text]})
        problems += [f"{name} at {label} width: {f}" for f in result["found"]]
        # A mobile viewport widens to fit what overflows it, so the page is measured against the phone's width.
        widest = max(result["scrollWidth"], result["bodyScroll"], result["innerWidth"])
        if label == "phone" and widest > width:
            problems.append(f"{name} overflows at phone width: {widest} px wide on a {width} px screen")
        if shots is not None:
            size = driver.cdp("Page.getLayoutMetrics")["cssContentSize"]
            png = driver.cdp("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": min(size["height"], 16000), "scale": 1}})
            out = shots / f"{name}-{label}.png"
            out.write_bytes(base64.b64decode(png["data"]))
            print(f"check-report-page: {out} ({width} px wide)")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--chromedriver", required=True)
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--screenshots", type=Path, help="where to save NAME-laptop.png and NAME-phone.png")
    ap.add_argument("--expect-text", action="append", default=[], help="data that must show as text")
    ap.add_argument("pages", nargs="+", help="NAME=FILE")
    args = ap.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        driver = Driver(args.chromedriver, args.chromium, os.path.join(tmp, "profile"))
        try:
            for spec in args.pages:
                name, _, file = spec.partition("=")
                page = Path(file).resolve()
                html = page.read_text(encoding="utf-8")
                if "Content-Security-Policy" not in html:
                    problems.append(f"{name}: no Content-Security-Policy")
                problems += check_page(driver, page, args.expect_text if name == "report" else [],
                                       args.screenshots, name)
                bare = Path(tmp) / f"{name}-without-csp.html"
                bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html), "utf-8")
                problems += check_page(driver, bare, [], None, name + " without its CSP")
        finally:
            driver.close()
    for p in problems:
        print(f"check-report-page: FAILED: {p}", file=sys.stderr)
    if problems:
        return 1
    print("check-report-page: no markup from the data became an element, no script ran, nothing loaded,"
          " nothing overflowed at 390 px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
