#!/usr/bin/env python3
"""A release: the version set in every pom (dropping -SNAPSHOT), the image tags of the Kubernetes manifests, the
changelog's Unreleased section dated under the version, app.json's repository (the public address of the origin
remote, which the Heroku button deploys from), a commit and a tag v<version>; then the next development version
(<major>.<minor>.<patch+1>-SNAPSHOT) in a commit of its own. Run by './autoscaler release VERSION'."""
import datetime
import pathlib
import re
import subprocess
import sys

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def current_version(root):
    pom = (root / "pom.xml").read_text()
    # The project's own version: the first <version> after its artifactId (the parent pom has no parent).
    return re.search(r"<artifactId>autoscaler-parent</artifactId>\s*<version>([^<]+)</version>", pom).group(1)


def set_version(root, old, new):
    for pom in root.glob("**/pom.xml"):
        if "target" in pom.parts:
            continue
        text = pom.read_text()
        changed = re.sub(r"(<artifactId>autoscaler-parent</artifactId>\s*<version>)" + re.escape(old) + "(</version>)",
                         r"\g<1>" + new + r"\g<2>", text)
        if changed != text:
            pom.write_text(changed)


def set_images(root, new):
    for manifest in (root / "deploy" / "kubernetes").glob("**/*.yaml"):
        text = manifest.read_text()
        changed = re.sub(r"(redisscale/[a-z]+):[0-9A-Za-z.-]+", r"\g<1>:" + new, text)
        if changed != text:
            manifest.write_text(changed)


# Public hosts, as git writes their remotes (https or ssh); the Heroku button deploys from GitHub.
PUBLIC_REMOTE = re.compile(r"^(?:https://|git@|ssh://git@)(github\.com|gitlab\.com|bitbucket\.org)[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def public_repository(root):
    """The origin remote's public https address, or None (no origin, or one that is not on a public host)."""
    try:
        remote = git(root, "remote", "get-url", "origin").strip()
    except subprocess.CalledProcessError:
        return None
    match = PUBLIC_REMOTE.match(remote)
    return f"https://{match.group(1)}/{match.group(2)}" if match else None


def set_repository(root, url):
    path = root / "app.json"
    text = path.read_text()
    if '"repository":' in text:
        changed = re.sub(r'"repository":\s*"[^"]*"', f'"repository": "{url}"', text, count=1)
    else:  # after the keywords, where the Heroku docs put it
        changed = re.sub(r'(\n(\s*)"keywords":[^\n]*\n)', f'\\g<1>\\g<2>"repository": "{url}",\n', text, count=1)
    path.write_text(changed)


def date_changelog(root, version, today):
    path = root / "CHANGELOG.md"
    text = path.read_text()
    if "## [Unreleased]" not in text:
        sys.exit("CHANGELOG.md has no '## [Unreleased]' section")
    if f"## [{version}]" in text:
        sys.exit(f"CHANGELOG.md already has a section for {version}")
    path.write_text(text.replace("## [Unreleased]", f"## [Unreleased]\n\n## [{version}] - {today}", 1))


def main(argv):
    if len(argv) != 2 or not SEMVER.match(argv[1]):
        sys.exit("usage: release.py VERSION (MAJOR.MINOR.PATCH, e.g. 0.2.0)")
    version = argv[1]
    root = pathlib.Path(__file__).resolve().parent.parent
    if git(root, "status", "--porcelain").strip():
        sys.exit("the working tree has changes: commit or stash them first")
    if git(root, "tag", "--list", f"v{version}").strip():
        sys.exit(f"v{version} is tagged already")
    old = current_version(root)
    set_version(root, old, version)
    set_images(root, version)
    date_changelog(root, version, datetime.date.today().isoformat())
    repository = public_repository(root)
    if repository:
        set_repository(root, repository)
    else:
        print("app.json keeps no repository: the origin remote is not on GitHub, GitLab or Bitbucket", file=sys.stderr)
    git(root, "commit", "-q", "-am", f"Release {version}")
    git(root, "tag", "-a", f"v{version}", "-m", f"Release {version}")
    major, minor, patch = (int(x) for x in version.split("."))
    following = f"{major}.{minor}.{patch + 1}-SNAPSHOT"
    set_version(root, version, following)
    git(root, "commit", "-q", "-am", f"Next development version {following}")
    print(f"released {version} (tag v{version}); now {following}. Push with: git push --follow-tags")


if __name__ == "__main__":
    main(sys.argv)
