#!/usr/bin/env python3
"""Instances as code, the CLI side ('./autoscaler apply' and './autoscaler export'): fills the file's ${VARIABLE}
references from the environment (secrets stay out of the file), sends it to the collector and prints what changed.
The collector does the rest (POST /api/v1/instances/apply, GET /api/v1/instances/export)."""
import json
import os
import re
import sys
import urllib.error
import urllib.request

REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def call(method, path, body=None, content_type=None):
    url = os.environ["AUTOSCALER_URL"].rstrip("/") + path
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Authorization", "Bearer " + os.environ["AUTOSCALER_API_TOKEN"])
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except urllib.error.URLError as e:
        sys.exit(f"the collector at {os.environ['AUTOSCALER_URL']} did not answer: {e.reason}")


def expand(text):
    missing = sorted({name for name in REFERENCE.findall(text) if name not in os.environ})
    if missing:
        sys.exit("the file refers to environment variables that are not set: " + ", ".join(missing))
    return REFERENCE.sub(lambda m: os.environ[m.group(1)], text)


def apply(args):
    file, flags = None, {"dryRun": "false", "prune": "false", "validate": "true"}
    i = 0
    while i < len(args):
        if args[i] == "-f" and i + 1 < len(args):
            file = args[i + 1]
            i += 1
        elif args[i] == "--dry-run":
            flags["dryRun"] = "true"
        elif args[i] == "--prune":
            flags["prune"] = "true"
        elif args[i] == "--no-validate":
            flags["validate"] = "false"
        else:
            sys.exit("usage: apply -f FILE [--dry-run] [--prune] [--no-validate]")
        i += 1
    if not file:
        sys.exit("usage: apply -f FILE [--dry-run] [--prune] [--no-validate]")
    with open(file, encoding="utf-8") as f:
        text = expand(f.read())
    query = "&".join(f"{k}={v}" for k, v in flags.items())
    status, body = call("POST", "/api/v1/instances/apply?" + query, text.encode(), "application/yaml")
    if status != 200:
        problem = json.loads(body) if body.startswith("{") else {"detail": body}
        print(f"refused ({status}): {problem.get('detail')}", file=sys.stderr)
        for e in problem.get("errors", []):
            print(f"  {e.get('field')}: {e.get('message')}", file=sys.stderr)
        sys.exit(1)
    result = json.loads(body)
    for c in result["changes"]:
        fields = f" ({', '.join(c['fields'])})" if c["fields"] else ""
        print(f"{c['action']:9} {c['name']}{fields}")
    counts = {}
    for c in result["changes"]:
        counts[c["action"]] = counts.get(c["action"], 0) + 1
    summary = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "nothing declared"
    print(("dry run, nothing changed: " if result["dryRun"] else "applied: ") + summary)


def export(_args):
    status, body = call("GET", "/api/v1/instances/export")
    if status != 200:
        sys.exit(f"the collector answered {status}: {body[:300]}")
    sys.stdout.write(body)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("apply", "export"):
        sys.exit("usage: instances.py apply -f FILE [--dry-run] [--prune] [--no-validate] | export")
    (apply if sys.argv[1] == "apply" else export)(sys.argv[2:])
