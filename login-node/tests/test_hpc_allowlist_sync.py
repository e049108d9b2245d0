"""Unit tests of hpc-allowlist-sync: its local rules (URL, names, what counts as an address), the nft and ipset
files it writes, and a sync against a stand-in for Keycloak (token, list, ETag and 304, errors that keep the
previous file). Loading the file into a real nftables set is the integration test's part (LoginAddressAllowlistIT).

Run: python3 -m unittest discover -s login-node/tests   (also run by the Maven build, PythonToolsIT)
"""
from __future__ import annotations

import http.server
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any, Dict, List

LOGIN_NODE = Path(__file__).resolve().parent.parent
SCRIPT = LOGIN_NODE / "hpc-allowlist-sync"


def load():
    loader = importlib.machinery.SourceFileLoader("hpc_allowlist_sync", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


sync = load()


class StandInKeycloak(http.server.BaseHTTPRequestHandler):
    """Answers the token endpoint for client firewall-sync/s3cret and the list with an ETag, as the realm does."""

    answer: Dict[str, Any] = {"days": 90, "ipv4": ["192.0.2.7"], "ipv6": ["2001:db8::1"]}
    status = 200
    requests: List[Dict[str, str]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Authorization") != "Basic ZmlyZXdhbGwtc3luYzpzM2NyZXQ=":
            self.reply(401, {"error": "unauthorized_client", "error_description": "bad secret"})
        else:
            self.reply(200, {"access_token": "t0ken", "token_type": "Bearer"})

    def do_GET(self) -> None:
        StandInKeycloak.requests.append(dict(self.headers))
        if self.headers.get("Authorization") != "Bearer t0ken":
            self.reply(401, {"error": "missing_token", "error_description": "no token"})
            return
        if StandInKeycloak.status != 200:
            self.reply(StandInKeycloak.status, {"error": "down", "error_description": "maintenance"})
            return
        etag = '"' + str(abs(hash(json.dumps(StandInKeycloak.answer, sort_keys=True)))) + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.reply(200, StandInKeycloak.answer, etag)

    def reply(self, status: int, body: Any, etag: str = "") -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)


class Version(unittest.TestCase):

    def test_it_prints_the_packs_version(self):
        version = ElementTree.parse(LOGIN_NODE.parent / "pom.xml").getroot() \
            .find("{http://maven.apache.org/POM/4.0.0}version").text.strip()
        result = subprocess.run([sys.executable, str(SCRIPT), "--version"], capture_output=True, text=True, timeout=30)
        self.assertEqual((0, f"hpc-allowlist-sync {version}\n"), (result.returncode, result.stdout), result.stderr)


class LocalRules(unittest.TestCase):

    def test_https_or_localhost_only(self):
        self.assertEqual("https://id.example.org/realms/hpc", sync.realm_url("https://id.example.org/realms/hpc/"))
        self.assertEqual("http://localhost:8080/realms/hpc",
                         sync.realm_url("http://localhost:8080/realms/hpc/login-addresses/firewall"))
        with self.assertRaises(sync.SyncError):
            sync.realm_url("http://id.example.org/realms/hpc")

    def test_table_and_set_names_cannot_smuggle_nft_commands(self):
        good = dict(sync.DEFAULTS)
        self.assertEqual(("inet", "hpc_mfa", "allowed_v4", "allowed_v6"), sync.names(good))
        for key, value in (("table", "inet hpc_mfa; flush ruleset"), ("table", "bridge x"),
                           ("set_v4", "a } ; flush ruleset"), ("set_v6", "")):
            with self.subTest(value=value), self.assertRaises(ValueError):
                sync.names({**good, key: value})

    def test_only_addresses_of_the_right_family_are_accepted(self):
        self.assertEqual((["192.0.2.7", "198.51.100.1"], ["2001:db8::1"]), sync.addresses(
            {"ipv4": ["198.51.100.1", "192.0.2.7", "192.0.2.7"], "ipv6": ["2001:DB8:0::1"]}, 10))
        for bad in ({"ipv4": ["mfa.example.org"], "ipv6": []}, {"ipv4": ["2001:db8::1"], "ipv6": []},
                    {"ipv4": ["1.2.3.4 }; flush ruleset"], "ipv6": []}, {"ipv4": [7], "ipv6": []},
                    {"ipv4": "1.2.3.4", "ipv6": []}, {"ipv6": []}):
            with self.subTest(bad=bad), self.assertRaises(sync.SyncError):
                sync.addresses(bad, 10)
        with self.assertRaises(sync.SyncError):
            sync.addresses({"ipv4": ["192.0.2.1", "192.0.2.2"], "ipv6": []}, 1)

    def test_the_nft_file_flushes_and_refills_both_sets_in_one_file(self):
        text = sync.nft_file("inet", "hpc_mfa", "allowed_v4", "allowed_v6", ["192.0.2.7"], ["2001:db8::1"])
        lines = text.splitlines()
        self.assertIn("    set allowed_v4 { type ipv4_addr; }", lines)
        self.assertIn("flush set inet hpc_mfa allowed_v4", lines)
        self.assertIn("flush set inet hpc_mfa allowed_v6", lines)
        self.assertIn("add element inet hpc_mfa allowed_v4 { 192.0.2.7 }", lines)
        self.assertIn("add element inet hpc_mfa allowed_v6 { 2001:db8::1 }", lines)
        self.assertLess(lines.index("flush set inet hpc_mfa allowed_v4"),
                        lines.index("add element inet hpc_mfa allowed_v4 { 192.0.2.7 }"))
        empty = sync.nft_file("inet", "hpc_mfa", "allowed_v4", "allowed_v6", [], [])
        self.assertNotIn("add element", empty, "nft refuses an empty element list: an empty set is only flushed")

    def test_the_ipset_file_swaps_a_filled_set_in(self):
        lines = sync.ipset_file("allowed_v4", "allowed_v6", ["192.0.2.7"], []).splitlines()
        self.assertEqual(["create allowed_v4 hash:ip family inet -exist",
                          "create allowed_v4_new hash:ip family inet -exist", "flush allowed_v4_new",
                          "add allowed_v4_new 192.0.2.7", "swap allowed_v4_new allowed_v4", "destroy allowed_v4_new"],
                         lines[1:7])

    def test_a_secret_file_others_can_read_is_refused(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "secret")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("s3cret\n")
            os.chmod(path, 0o644)
            with self.assertRaises(sync.SyncError):
                sync.read_secret_file(path)
            os.chmod(path, 0o600)
            self.assertEqual("s3cret", sync.read_secret_file(path))

    def test_a_secret_in_the_configuration_is_refused(self):
        with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as handle:
            handle.write("url = https://id.example.org/realms/hpc\nclient_secret = s3cret\n")
        try:
            with self.assertRaises(ValueError):
                sync.read_config(handle.name)
        finally:
            os.unlink(handle.name)


class SyncAgainstAStandIn(unittest.TestCase):

    def setUp(self):
        StandInKeycloak.answer = {"days": 90, "ipv4": ["192.0.2.7"], "ipv6": ["2001:db8::1"]}
        StandInKeycloak.status = 200
        StandInKeycloak.requests = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInKeycloak)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.dir = tempfile.TemporaryDirectory()
        secret = os.path.join(self.dir.name, "secret")
        with open(secret, "w", encoding="utf-8") as handle:
            handle.write("s3cret\n")
        os.chmod(secret, 0o600)
        self.output = os.path.join(self.dir.name, "allowlist.nft")
        self.args = ["--url", f"http://127.0.0.1:{self.server.server_port}/realms/hpc", "--client-id",
                     "firewall-sync", "--client-secret-file", secret, "--output", self.output, "--no-apply"]

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.dir.cleanup()

    def read(self) -> str:
        with open(self.output, encoding="utf-8") as handle:
            return handle.read()

    def test_a_new_list_is_written_an_unchanged_one_costs_a_304_and_an_error_keeps_the_file(self):
        self.assertEqual(0, sync.main(self.args))
        first = self.read()
        self.assertIn("add element inet hpc_mfa allowed_v4 { 192.0.2.7 }", first)
        self.assertIn("add element inet hpc_mfa allowed_v6 { 2001:db8::1 }", first)

        self.assertEqual(0, sync.main(self.args))
        self.assertEqual(StandInKeycloak.requests[0].get("If-None-Match") is None, True)
        self.assertIsNotNone(StandInKeycloak.requests[1].get("If-None-Match"), "the second run sends the ETag")
        self.assertEqual(first, self.read())

        StandInKeycloak.answer = {"days": 90, "ipv4": ["192.0.2.7", "198.51.100.9"], "ipv6": []}
        self.assertEqual(0, sync.main(self.args))
        self.assertIn("add element inet hpc_mfa allowed_v4 { 192.0.2.7, 198.51.100.9 }", self.read())
        self.assertNotIn("2001:db8::1", self.read(), "a removed address leaves the set")
        second = self.read()

        StandInKeycloak.status = 503
        StandInKeycloak.answer = {"days": 90, "ipv4": [], "ipv6": []}
        self.assertEqual(1, sync.main(self.args))
        self.assertEqual(second, self.read(), "Keycloak down: the previous list stays")

        StandInKeycloak.status = 200
        StandInKeycloak.answer = {"days": 90, "ipv4": ["not-an-address"], "ipv6": []}
        self.assertEqual(1, sync.main(self.args))
        self.assertEqual(second, self.read(), "a garbled list: the previous list stays")

    def test_an_unchanged_list_refills_sets_emptied_by_a_reboot_or_flush(self):
        live: Dict[str, Any] = {}
        loaded: List[str] = []
        saved = (sync.live_addresses, sync.apply)

        def fake_apply(backend: str, path: str) -> None:
            loaded.append(path)
            with open(path, encoding="utf-8") as handle:
                live.update(sync.expected_addresses(backend, handle.read(), "allowed_v4", "allowed_v6"))

        sync.live_addresses = lambda backend, family, table, name: live.get(name)
        sync.apply = fake_apply
        try:
            args = [a for a in self.args if a != "--no-apply"]
            self.assertEqual(0, sync.main(args))
            self.assertEqual({"allowed_v4": {"192.0.2.7"}, "allowed_v6": {"2001:db8::1"}}, live)
            self.assertEqual(1, len(loaded))

            self.assertEqual(0, sync.main(args))
            self.assertEqual(1, len(loaded), "304 and the sets hold the list: nothing is loaded")

            live.clear()  # reboot: /etc/nftables.conf recreated the table without the sets' contents
            self.assertEqual(0, sync.main(args))
            self.assertIsNotNone(StandInKeycloak.requests[-1].get("If-None-Match"), "still a 304")
            self.assertEqual([self.output], loaded[1:], "the saved list is loaded again")
            self.assertEqual({"allowed_v4": {"192.0.2.7"}, "allowed_v6": {"2001:db8::1"}}, live)

            live["allowed_v4"] = {"192.0.2.7", "203.0.113.66"}  # an address added by hand is not the list
            self.assertEqual(0, sync.main(args))
            self.assertEqual(3, len(loaded))
            self.assertEqual({"192.0.2.7"}, live["allowed_v4"])
        finally:
            sync.live_addresses, sync.apply = saved

    def test_the_expected_sets_are_read_back_from_both_kinds_of_file(self):
        nft = sync.nft_file("inet", "hpc_mfa", "allowed_v4", "allowed_v6", ["192.0.2.7", "198.51.100.1"], [])
        self.assertEqual({"allowed_v4": {"192.0.2.7", "198.51.100.1"}, "allowed_v6": set()},
                         sync.expected_addresses("nftables", nft, "allowed_v4", "allowed_v6"))
        ipset = sync.ipset_file("allowed_v4", "allowed_v6", ["192.0.2.7"], ["2001:db8::1"])
        self.assertEqual({"allowed_v4": {"192.0.2.7"}, "allowed_v6": {"2001:db8::1"}},
                         sync.expected_addresses("ipset", ipset, "allowed_v4", "allowed_v6"))

    def test_a_wrong_secret_changes_nothing(self):
        secret = os.path.join(self.dir.name, "wrong")
        with open(secret, "w", encoding="utf-8") as handle:
            handle.write("guess\n")
        os.chmod(secret, 0o600)
        args = list(self.args)
        args[args.index("--client-secret-file") + 1] = secret
        self.assertEqual(1, sync.main(args))
        self.assertFalse(os.path.exists(self.output))


if __name__ == "__main__":
    unittest.main()
