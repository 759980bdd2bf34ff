#!/usr/bin/env python3
"""A throw-away Synapse homeserver on 127.0.0.1 for koers' Matrix tests.

Installs Synapse from PyPI into a cache folder (once; later runs reuse it), writes a closed,
local test config into a fresh temporary folder, starts the server, registers the users named
on the command line through the shared-secret admin API, and prints one JSON line:

    {"url": "http://127.0.0.1:PORT", "server_name": "localhost",
     "users": {"NAME": {"user_id": "@NAME:localhost", "password": "...", "access_token": "..."}}}

It then waits until its standard input closes (the test process ended, however it ended) and
stops the server it started, and only that one, and removes the folder.

Usage: synapse.py [--slow NAME ...] NAME [NAME ...]
  A user given with --slow gets a tight message rate limit, to test M_LIMIT_EXCEEDED handling.

Synapse is AGPL-3.0; it runs here as an outside service and none of it is kept in the repo.
"""

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SYNAPSE_VERSION = "1.163.2"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CACHE = os.environ.get("KOERS_SYNAPSE_CACHE") or os.path.join(REPO, ".cache", "synapse")
VENV = os.path.join(CACHE, "venv-" + SYNAPSE_VERSION)
PYTHON = os.path.join(VENV, "bin", "python")


def log(msg):
    print("synapse.py: " + msg, file=sys.stderr, flush=True)


def ensure_installed():
    """Build the venv once; a lock keeps two test processes from building it at the same time."""
    os.makedirs(CACHE, exist_ok=True)
    with open(os.path.join(CACHE, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = os.path.join(VENV, ".koers-installed")
        if os.path.exists(marker):
            return
        shutil.rmtree(VENV, ignore_errors=True)
        log("installing matrix-synapse==%s into %s (once)" % (SYNAPSE_VERSION, VENV))
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run(
            [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "matrix-synapse==" + SYNAPSE_VERSION],
            check=True, stdout=sys.stderr)
        open(marker, "w").close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def limit(per_second=10000, burst=100000):
    return {"per_second": per_second, "burst_count": burst}


def write_config(folder, port, shared_secret):
    unlimited = limit()
    config = {
        "server_name": "localhost",
        "public_baseurl": "http://127.0.0.1:%d/" % port,
        "pid_file": os.path.join(folder, "homeserver.pid"),
        "listeners": [{
            "port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
            "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}],
        }],
        "database": {"name": "sqlite3", "args": {"database": os.path.join(folder, "homeserver.db")}},
        "log_config": os.path.join(folder, "log.yaml"),
        "media_store_path": os.path.join(folder, "media"),
        "signing_key_path": os.path.join(folder, "signing.key"),
        "registration_shared_secret": shared_secret,
        "macaroon_secret_key": secrets.token_hex(16),
        "form_secret": secrets.token_hex(16),
        "report_stats": False,
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "federation_domain_whitelist": [],
        "presence": {"enabled": False},
        "enable_registration": False,
        "bcrypt_rounds": 4,
        "url_preview_enabled": False,
        "rc_message": unlimited,
        "rc_registration": unlimited,
        "rc_registration_token_validity": unlimited,
        "rc_login": {"address": unlimited, "account": unlimited, "failed_attempts": unlimited},
        "rc_admin_redaction": unlimited,
        "rc_joins": {"local": unlimited, "remote": unlimited},
        "rc_joins_per_room": unlimited,
        "rc_3pid_validation": unlimited,
        "rc_invites": {"per_room": unlimited, "per_user": unlimited, "per_issuer": unlimited},
        "rc_third_party_invite": unlimited,
        "rc_room_creation": unlimited,
        "rc_presence": {"per_user": unlimited},
        "rc_delayed_event_mgmt": unlimited,
        "rc_reports": unlimited,
        "rc_federation": {"window_size": 1000, "sleep_limit": 10000, "sleep_delay": 1,
                          "reject_limit": 10000, "concurrent": 1000},
    }
    # JSON is valid YAML: no YAML writer needed.
    path = os.path.join(folder, "homeserver.yaml")
    with open(path, "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(folder, "log.yaml"), "w") as f:
        json.dump({
            "version": 1,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
            "handlers": {"file": {"class": "logging.FileHandler", "formatter": "plain",
                                  "filename": os.path.join(folder, "homeserver.log")}},
            "root": {"level": "WARNING", "handlers": ["file"]},
            # One line per request, so tests can see the 429s a rate-limited user got.
            "loggers": {"synapse.access": {"level": "INFO"}},
            "disable_existing_loggers": False,
        }, f)
    return path


def request(url, method="GET", body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read() or b"{}")


def wait_ready(url, proc, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("Synapse exited at start (code %s)" % proc.returncode)
        try:
            request(url + "/_matrix/client/versions")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError("Synapse did not answer within %d s" % timeout)


def register(url, shared_secret, name, admin):
    nonce = request(url + "/_synapse/admin/v1/register")["nonce"]
    password = secrets.token_hex(12)
    # A display name apart from the id ("anna" is "Anna"), so tests can tell which koers shows.
    body = {"nonce": nonce, "username": name, "password": password, "admin": admin,
            "displayname": name.capitalize()}
    # The HMAC covers the parts joined by NUL bytes, without a trailing one.
    mac = hmac.new(shared_secret.encode(), digestmod=hashlib.sha1)
    mac.update(b"\x00".join(p.encode() for p in
                            (nonce, name, password, "admin" if admin else "notadmin")))
    body["mac"] = mac.hexdigest()
    resp = request(url + "/_synapse/admin/v1/register", "POST", body)
    return {"user_id": resp["user_id"], "password": password,
            "access_token": resp["access_token"], "display_name": name.capitalize()}


def main(argv):
    slow, names = [], []
    args = iter(argv)
    for a in args:
        if a == "--slow":
            slow.append(next(args))
        else:
            names.append(a)
    ensure_installed()
    folder = tempfile.mkdtemp(prefix="koers-synapse-")
    proc = None
    try:
        port = free_port()
        shared_secret = secrets.token_hex(16)
        config = write_config(folder, port, shared_secret)
        subprocess.run([PYTHON, "-m", "synapse.app.homeserver", "-c", config, "--generate-keys"],
                       check=True, stdout=subprocess.DEVNULL, stderr=sys.stderr, cwd=folder)
        proc = subprocess.Popen([PYTHON, "-m", "synapse.app.homeserver", "-c", config],
                                stdout=subprocess.DEVNULL, stderr=sys.stderr, cwd=folder,
                                start_new_session=True)
        url = "http://127.0.0.1:%d" % port
        wait_ready(url, proc)
        admin = register(url, shared_secret, "koers-admin", True)
        users = {n: register(url, shared_secret, n, False) for n in names + slow}
        for n in slow:
            request("%s/_synapse/admin/v1/users/%s/override_ratelimit" % (url, users[n]["user_id"]),
                    "POST", {"messages_per_second": 3, "burst_count": 2},
                    token=admin["access_token"])
        print(json.dumps({"url": url, "server_name": "localhost", "users": users,
                          "folder": folder}), flush=True)
        # Serve until whoever started us goes away.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        sys.stdin.read()
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if os.environ.get("KOERS_KEEP_SYNAPSE") is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
