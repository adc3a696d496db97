#!/usr/bin/env python3
"""Where a test run's time went, slowest first, so the next slowest thing is always visible: each module's
wall time (Maven's reactor summary, or its total for a one-module build), its tests' time (the sum of its
surefire and failsafe reports), and each end-to-end class's time (its failsafe report).

Usage: test-times.py ROOT BUILD_LOG..."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

DURATION = r"([0-9:.]+) (s|min|h)"


def seconds(value, unit):
    # Maven prints "12.345 s", "01:02 min" (m:s) or "1:02:03 h" (h:m:s).
    total = 0.0
    for part in value.split(":"):
        total = total * 60 + float(part)
    if ":" not in value:
        total *= {"s": 1, "min": 60, "h": 3600}[unit]
    return total


def walls(log):
    """(module, result, seconds) from a build log."""
    rows, name = [], None
    for line in open(log, errors="replace"):
        m = re.search(r"\[INFO\] (.+?) [. ]*(SUCCESS|FAILURE|SKIPPED) \[ *" + DURATION + r"\]", line)
        if m:
            rows.append((m.group(1).strip(), m.group(2), seconds(m.group(3), m.group(4))))
        m = re.search(r"\[INFO\] Building (.+?) [0-9][^ ]*$", line.strip())
        if m and name is None:
            name = m.group(1)
        m = re.search(r"\[INFO\] Total time: +" + DURATION, line)
        if m and not rows and name:
            ok = "SUCCESS" if "BUILD SUCCESS" in open(log, errors="replace").read() else "FAILURE"
            rows.append((name, ok, seconds(m.group(1), m.group(2))))
    return rows


def suites(root):
    """(module, class, failed, seconds) from every surefire and failsafe report."""
    out = []
    for report in glob.glob(os.path.join(root, "**", "target", "*-reports", "TEST-*.xml"), recursive=True):
        module = os.path.relpath(report, root).split(os.sep + "target" + os.sep)[0]
        suite = ET.parse(report).getroot()
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0)) > 0
        out.append((module, suite.get("name", "").rsplit(".", 1)[-1], failed, float(suite.get("time", 0))))
    return out


def table(title, header, rows):
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def main():
    root, logs = sys.argv[1], sys.argv[2:]
    for log in logs:
        rows = sorted(walls(log), key=lambda r: -r[2])
        table(f"Wall time per module: {os.path.basename(log)}", ["module", "result", "seconds"],
              [(n, r, f"{s:.1f}") for n, r, s in rows])
    reports = suites(root)
    per_module = {}
    for module, _, failed, secs in reports:
        t, f = per_module.get(module, (0.0, False))
        per_module[module] = (t + secs, f or failed)
    table("Test time per module (sum of its test classes' reports)", ["module", "result", "seconds"],
          [(m, "FAILURE" if f else "SUCCESS", f"{t:.1f}") for m, (t, f) in sorted(per_module.items(), key=lambda i: -i[1][0])])
    e2e = sorted((r for r in reports if r[0] == "e2e"), key=lambda r: -r[3])
    table("Wall time per end-to-end class (failsafe and surefire reports)", ["class", "result", "seconds"],
          [(c, "FAILURE" if f else "SUCCESS", f"{s:.1f}") for _, c, f, s in e2e])


if __name__ == "__main__":
    main()
