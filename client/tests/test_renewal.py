"""Unit tests of hpc-ssh-cert's renewal by one tap: the kept session file, the renewal's key proof, the fallback.

Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsTest)
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from test_hpc_ssh_cert import cli, sshcert
from hpc_mfa import renewal

BASE = "https://id.example.org/realms/hpc"


class SessionFile(unittest.TestCase):

    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.key = self.dir / "id_ed25519"

    def tearDown(self) -> None:
        shutil.rmtree(self.dir)

    def test_the_refresh_token_is_kept_for_the_owner_only(self) -> None:
        renewal.save_session(self.key, BASE, "ssh-cli", {"access_token": "a", "refresh_token": "r1"})
        kept = renewal.session_file(self.key)
        self.assertEqual(0o600, stat.S_IMODE(kept.stat().st_mode))
        self.assertIn('"refresh_token": "r1"', kept.read_text())
        self.assertNotIn('"a"', kept.read_text(), "the access token is not kept")

    def test_no_refresh_token_no_file(self) -> None:
        renewal.save_session(self.key, BASE, "ssh-cli", {"access_token": "a"})
        self.assertFalse(renewal.session_file(self.key).exists())

    def test_a_session_of_another_realm_or_client_is_not_used(self) -> None:
        renewal.save_session(self.key, BASE, "ssh-cli", {"refresh_token": "r1"})
        with mock.patch.object(renewal, "post_form") as post:
            self.assertIsNone(renewal.session_token(self.key, BASE.replace("hpc", "other"), "ssh-cli", None))
            self.assertIsNone(renewal.session_token(self.key, BASE, "another-client", None))
            post.assert_not_called()

    def test_an_ended_session_is_forgotten(self) -> None:
        renewal.save_session(self.key, BASE, "ssh-cli", {"refresh_token": "r1"})
        with mock.patch.object(renewal, "post_form", return_value=(400, {"error": "invalid_grant"})):
            self.assertIsNone(renewal.session_token(self.key, BASE, "ssh-cli", None))
        self.assertFalse(renewal.session_file(self.key).exists())

    def test_a_refresh_keeps_the_new_refresh_token(self) -> None:
        renewal.save_session(self.key, BASE, "ssh-cli", {"refresh_token": "r1"})
        with mock.patch.object(renewal, "post_form", return_value=(200, {"access_token": "a2", "refresh_token": "r2"})) as post:
            self.assertEqual("a2", renewal.session_token(self.key, BASE, "ssh-cli", None))
        self.assertEqual("r1", post.call_args[0][1]["refresh_token"])
        self.assertIn('"r2"', renewal.session_file(self.key).read_text())


@unittest.skipUnless(shutil.which("ssh-keygen"), "needs OpenSSH's ssh-keygen")
class RenewalProof(unittest.TestCase):

    def test_the_renewal_proof_has_its_own_namespace_and_first_line(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            key = Path(tmp) / "id"
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
            public = (Path(tmp) / "id.pub").read_text().strip()
            proof = sshcert.key_proof(key, "hpc", "token", public, renewal=True)
            signature = Path(tmp) / "proof.sig"
            signature.write_text(proof["signature"] + "\n")
            signers = Path(tmp) / "signers"
            signers.write_text("me " + public + "\n")

            def verifies(namespace: str, first_line: str) -> bool:
                message = (f"{first_line}\nrealm=hpc\ntoken={sshcert.base64.urlsafe_b64encode(sshcert.hashlib.sha256(b'token').digest()).decode().rstrip('=')}\n"
                           f"key={sshcert.fingerprint(public)}\ntime={proof['time']}\n")
                return subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(signers), "-I", "me", "-n", namespace,
                                       "-s", str(signature)], input=message, capture_output=True, text=True).returncode == 0

            self.assertTrue(verifies("hpc-ssh-cert-renew@hpc", "hpc-ssh-cert renewal v1"))
            self.assertFalse(verifies("hpc-ssh-cert@hpc", "hpc-ssh-cert renewal v1"), "never a sign-time proof")


class Fallback(unittest.TestCase):

    def test_without_a_kept_session_a_full_login_is_needed(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            args = argparse.Namespace(client_id="ssh-cli", realm="hpc", ttl=None)
            self.assertIsNone(sshcert.renewal(args, Path(tmp) / "id", BASE, "ssh-ed25519 AAAA x", None))

    def test_no_browser_stops_with_exit_6_when_a_full_login_is_needed(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            key = Path(tmp) / "id"
            err = io.StringIO()
            with mock.patch.object(sshcert, "ensure_key", return_value="ssh-ed25519 AAAA x"), \
                    mock.patch.object(sshcert, "still_good", return_value=False), \
                    mock.patch.object(sshcert, "device_login") as browser, contextlib.redirect_stderr(err):
                code = cli.main(["--server", "https://id.example.org", "--realm", "hpc", "--key", str(key), "--no-browser"])
            self.assertEqual(6, code)
            browser.assert_not_called()
            self.assertIn("a full login is required", err.getvalue())


if __name__ == "__main__":
    unittest.main()
