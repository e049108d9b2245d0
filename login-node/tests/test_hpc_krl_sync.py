"""Unit tests of hpc-krl-sync's local rules (URL, atomic writes, what counts as a KRL) and of the login-node
helpers' --version.

Run: python3 -m unittest discover -s login-node/tests   (also run by the Maven build, PythonToolsTest)
"""
from __future__ import annotations

import configparser
import importlib.machinery
import importlib.util
import os
import re
import stat
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

LOGIN_NODE = Path(__file__).resolve().parent.parent
ROOT_POM = LOGIN_NODE.parent / "pom.xml"


def load(name: str):
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(LOGIN_NODE / name))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


sync = load("hpc-krl-sync")
terminal = load("hpc-mfa-terminal")


def pom_version() -> str:
    version = ElementTree.parse(ROOT_POM).getroot().find("{http://maven.apache.org/POM/4.0.0}version")
    assert version is not None and version.text
    return version.text.strip()


class Versions(unittest.TestCase):

    def test_each_helper_prints_the_packs_version(self):
        for name, module in (("hpc-krl-sync", sync), ("hpc-mfa-terminal", terminal)):
            self.assertEqual(pom_version(), module.VERSION, name)
            result = subprocess.run([sys.executable, str(LOGIN_NODE / name), "--version"], capture_output=True,
                                    text=True, timeout=30)
            self.assertEqual((0, f"{name} {pom_version()}\n"), (result.returncode, result.stdout), result.stderr)


class KrlUrl(unittest.TestCase):

    def test_the_realm_url_gets_the_krl_path_once(self):
        self.assertEqual("https://id.example.org/realms/hpc/ssh-ca/krl", sync.krl_url("https://id.example.org/realms/hpc/"))
        self.assertEqual("https://id.example.org/realms/hpc/ssh-ca/krl",
                         sync.krl_url("https://id.example.org/realms/hpc/ssh-ca/krl"))
        self.assertEqual("http://localhost:8080/realms/hpc/ssh-ca/krl", sync.krl_url("http://localhost:8080/realms/hpc"))

    def test_plain_http_elsewhere_is_refused(self):
        for url in ("http://id.example.org/realms/hpc", "ftp://id.example.org/realms/hpc"):
            with self.assertRaises(sync.SyncError):
                sync.krl_url(url)


class Files(unittest.TestCase):

    def setUp(self) -> None:
        self.directory = tempfile.TemporaryDirectory()
        self.dir = Path(self.directory.name)

    def tearDown(self) -> None:
        self.directory.cleanup()

    def test_an_atomic_write_replaces_the_file_with_its_mode_and_leaves_nothing_behind(self):
        target = self.dir / "revoked.krl"
        target.write_bytes(b"old")
        sync.write_atomically(str(target), b"new")
        self.assertEqual(b"new", target.read_bytes())
        self.assertEqual(0o644, stat.S_IMODE(target.stat().st_mode))
        sync.write_atomically(str(target), b"newer", mode=0o600)
        self.assertEqual(0o600, stat.S_IMODE(target.stat().st_mode))
        self.assertEqual(["revoked.krl"], os.listdir(self.dir))

    def test_what_is_not_a_krl_is_refused(self):
        for body in (b"", b"<html>502 Bad Gateway</html>", sync.MAGIC + b"\0" * 3):
            with self.assertRaises(sync.SyncError):
                sync.check(body, str(self.dir))

    def test_a_missing_or_garbled_state_is_empty(self):
        self.assertEqual({}, sync.read_state(str(self.dir / "missing")))
        (self.dir / "state").write_text("[1, 2]")
        self.assertEqual({}, sync.read_state(str(self.dir / "state")))

    def test_the_configuration_file_is_key_value_lines(self):
        path = self.dir / "krl-sync.conf"
        path.write_text("# comment\nurl = https://id.example.org/realms/hpc\n\ntimeout=5\nnonsense\n")
        self.assertEqual({"url": "https://id.example.org/realms/hpc", "timeout": "5"}, sync.read_config(str(path)))
        self.assertEqual({}, sync.read_config(None))


def systemd_seconds(span: str) -> float:
    """A systemd time span ("30s", "1min 30s", "45", "2m") in seconds, as systemd.time(7) reads it."""
    units = {"us": 1e-6, "usec": 1e-6, "ms": 1e-3, "msec": 1e-3, "": 1, "s": 1, "sec": 1, "second": 1,
             "seconds": 1, "m": 60, "min": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hour": 3600,
             "hours": 3600, "d": 86400, "day": 86400, "days": 86400, "w": 604800, "week": 604800,
             "weeks": 604800}
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", span.strip())
    if not parts or re.sub(r"[\d.\sa-z]", "", span.strip()):
        raise ValueError(f"not a time span: {span!r}")
    return sum(float(number) * units[unit] for number, unit in parts)


class ShippedTimer(unittest.TestCase):
    """The shipped timer refreshes the KRL often enough that a revocation reaches sshd within 60 seconds."""

    def setUp(self) -> None:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(LOGIN_NODE / "hpc-krl-sync.timer")
        self.timer = parser["Timer"]

    def test_the_parser_reads_systemd_spans(self):
        self.assertEqual(30, systemd_seconds("30s"))
        self.assertEqual(30, systemd_seconds("30"))
        self.assertEqual(90, systemd_seconds("1min 30s"))
        self.assertEqual(120, systemd_seconds("2m"))
        with self.assertRaises(ValueError):
            systemd_seconds("soon")

    def test_the_interval_plus_its_slack_is_at_most_60_seconds(self):
        repeats = [systemd_seconds(self.timer[key]) for key in ("OnUnitActiveSec", "OnUnitInactiveSec")
                   if key in self.timer]
        self.assertTrue(repeats, "the timer does not repeat (no OnUnitActiveSec / OnUnitInactiveSec)")
        self.assertNotIn("OnCalendar", self.timer, "a calendar timer: check its interval by hand")
        # systemd may fire a timer up to AccuracySec late (default one minute) plus RandomizedDelaySec.
        slack = systemd_seconds(self.timer.get("AccuracySec", "1min")) + systemd_seconds(
            self.timer.get("RandomizedDelaySec", "0"))
        worst = max(repeats) + slack
        self.assertLessEqual(worst, 60, f"the KRL may be {worst:.0f} s old: interval {max(repeats):.0f} s "
                                        f"+ accuracy/random delay {slack:.0f} s")

    def test_the_timer_starts_one_sync_of_the_shipped_service(self):
        self.assertEqual("hpc-krl-sync.service", self.timer.get("Unit", "hpc-krl-sync.service"))
        service = configparser.ConfigParser(strict=False, interpolation=None)
        service.optionxform = str
        service.read(LOGIN_NODE / "hpc-krl-sync.service")
        self.assertEqual("oneshot", service["Service"]["Type"])
        command = service["Service"]["ExecStart"].split()
        self.assertTrue(command[0].endswith("/hpc-krl-sync"), command)
        self.assertNotIn("--loop", command, "a looping service under a timer would never finish")


if __name__ == "__main__":
    unittest.main()
