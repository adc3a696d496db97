#!/usr/bin/env python3
"""A Java 17 base image as an archive (`docker save` layout), for Jib's `tar://` base where no registry is reachable.

The images are normally built on `eclipse-temurin:17-jre` pulled from Docker Hub (`./autoscaler images`). Where
no registry can be reached (an air-gapped build machine, this project's CI) this makes an equivalent base from
what the build machine has: a Java runtime linked by jlink from its JDK, the C libraries, zlib and dash as
installed by its Debian packages (`dpkg -L`), its Java CA certificates, and an unprivileged user, uid 1001.
The runtime goes where Temurin's does, /opt/java/openjdk, with the same PATH and JAVA_HOME.

Usage: base_image.py OUT.tar
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

MODULES = ("java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.agent,"
           "jdk.localedata,jdk.charsets,jdk.net,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.jfr")
PACKAGES = ["libc6", "libgcc-s1", "libstdc++6", "zlib1g", "dash"]
JAVA_HOME = "/opt/java/openjdk"
PATH = JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
NAME = "redisscale/java17-base:local"


def jdk_home():
    java = shutil.which("java")
    if not java:
        sys.exit("no java on PATH: a JDK 17 with jmods is needed")
    home = os.path.dirname(os.path.dirname(os.path.realpath(java)))
    if not os.path.isdir(os.path.join(home, "jmods")):
        sys.exit(f"{home} has no jmods: install the full JDK (Debian: openjdk-17-jdk-headless)")
    return home


def package_files(package):
    """The files and links a Debian package installed, as dpkg lists them (no docs, no manuals)."""
    listed = subprocess.run(["dpkg", "-L", package], check=True, capture_output=True, text=True).stdout.split("\n")
    return [p for p in listed if p and not p.startswith(("/usr/share/doc", "/usr/share/man", "/usr/share/lintian"))
            and (os.path.islink(p) or os.path.isfile(p))]


def build_rootfs(root):
    # Debian 12's merged /usr: /bin, /lib and /lib64 are links into /usr, as in every Debian-based image.
    for d in ("usr/bin", "usr/sbin", "usr/lib", "usr/lib64", "etc", "opt/java", "app", "root", "proc", "sys", "dev"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for link in ("bin", "sbin", "lib", "lib64"):
        os.symlink("usr/" + link, os.path.join(root, link))
    tmp = os.path.join(root, "tmp")
    os.makedirs(tmp)
    os.chmod(tmp, 0o1777)
    for package in PACKAGES:
        for path in package_files(package):
            target = os.path.join(root, path.lstrip("/"))
            os.makedirs(os.path.dirname(os.path.realpath(target)), exist_ok=True)
            if os.path.lexists(target):
                continue
            if os.path.islink(path):
                os.symlink(os.readlink(path), target)
            else:
                shutil.copy2(path, target)
    if not os.path.lexists(os.path.join(root, "usr/bin/sh")):  # dash's own link, on most machines
        os.symlink("dash", os.path.join(root, "usr/bin/sh"))
    subprocess.run([os.path.join(jdk_home(), "bin", "jlink"), "--add-modules", MODULES, "--strip-debug", "--no-man-pages",
                    "--no-header-files", "--compress=2", "--output", os.path.join(root, JAVA_HOME.lstrip("/"))], check=True)
    cacerts = os.path.join(root, JAVA_HOME.lstrip("/"), "lib/security/cacerts")
    if os.path.lexists(cacerts):
        os.remove(cacerts)
    shutil.copyfile(os.path.realpath(os.path.join(jdk_home(), "lib/security/cacerts")), cacerts)
    with open(os.path.join(root, "etc/passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/usr/sbin/nologin\nautoscaler:x:1001:1001:autoscaler:/app:/usr/sbin/nologin\n")
    with open(os.path.join(root, "etc/group"), "w") as f:
        f.write("root:x:0:\nautoscaler:x:1001:\n")
    with open(os.path.join(root, "etc/nsswitch.conf"), "w") as f:
        f.write("passwd: files\ngroup: files\nhosts: files dns\n")


def layer(root):
    """The root file system as one uncompressed layer, owned by root, in a stable order."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                full = os.path.join(dirpath, name)
                info = tar.gettarinfo(full, arcname=os.path.relpath(full, root))
                info.uid = info.gid = 0
                info.uname = info.gname = "root"
                info.mtime = 0
                if info.isfile():
                    with open(full, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    return out.getvalue()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as work:
        root = os.path.join(work, "rootfs")
        os.makedirs(root)
        build_rootfs(root)
        data = layer(root)
    diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=" + PATH, "JAVA_HOME=" + JAVA_HOME, "LANG=C.UTF-8"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "deploy/images/base_image.py: jlink (" + MODULES + "), Debian " + ", ".join(PACKAGES)}],
    }, sort_keys=True).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    layer_name = diff_id.split(":")[1] + "/layer.tar"
    manifest = json.dumps([{"Config": config_name, "RepoTags": [NAME], "Layers": [layer_name]}]).encode()
    with tarfile.open(sys.argv[1], "w") as tar:
        for name, content in ((layer_name, data), (config_name, config), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    print(f"{sys.argv[1]}: {NAME}, {len(data) // 1_000_000} MB")


if __name__ == "__main__":
    main()
