"""Unit tests of hpc-ssh-cert's certificate states: the one table, what --check and a refresh say and return.

Certificates are real ones, signed here with ssh-keygen (a CA, a user key, a second key, a second CA); Keycloak
is not involved (the realm's CA list is handed in, or its fetch fails as when Keycloak is down).
Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsTest)
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import types
import unittest
from pathlib import Path
from typing import List, Optional
from unittest import mock

from test_hpc_ssh_cert import cli, run, sshcert

STATES = {"valid", "missing", "unreadable", "expired", "other-ca", "other-key"}


def keygen(*args: str) -> None:
    subprocess.run(["ssh-keygen", "-q", *args], check=True, capture_output=True, timeout=30)


# Skipped only on a machine without OpenSSH; under CI (CI=true) a missing ssh-keygen fails, as everywhere.
@unittest.skipUnless(shutil.which("ssh-keygen") or os.environ.get("CI") == "true", "needs ssh-keygen (openssh-client)")
class CertificateStates(unittest.TestCase):

    def setUp(self) -> None:
        self.directory = tempfile.TemporaryDirectory()
        self.dir = Path(self.directory.name)
        for name in ("ca", "other-ca", "id", "other-id"):
            keygen("-t", "ed25519", "-N", "", "-C", name, "-f", str(self.dir / name))
        self.key = self.dir / "id"
        self.cert = self.dir / "id-cert.pub"
        self.ca_lines = [(self.dir / "ca.pub").read_text().strip()]

    def tearDown(self) -> None:
        self.directory.cleanup()

    def sign(self, validity: str = "+1h", ca: str = "ca", key: str = "id", principals: str = "mila") -> None:
        keygen("-s", str(self.dir / ca), "-I", "mila@hpc", "-n", principals, "-V", validity,
               str(self.dir / f"{key}.pub"))
        if key != "id":
            (self.dir / f"{key}-cert.pub").replace(self.cert)

    def status(self, ca_lines: Optional[List[str]] = None) -> str:
        state, _ = sshcert.certificate_status(self.cert, self.key, self.ca_lines if ca_lines is None else ca_lines)
        return state

    def args(self, **overrides: object) -> types.SimpleNamespace:
        values = dict(realm="hpc", force=False, principal=None, refresh_before=300)
        values.update(overrides)
        return types.SimpleNamespace(**values)

    def check(self, ca_lines: Optional[List[str]] = None, ca_problem: Optional[str] = None):
        lines = self.ca_lines if ca_lines is None and ca_problem is None else ca_lines
        out = io.StringIO()
        with mock.patch.object(sshcert, "realm_ca_lines", return_value=(lines, ca_problem)), \
                contextlib.redirect_stdout(out):
            code = sshcert.check(self.args(), self.key, self.cert, "https://id.example.org/realms/hpc")
        return code, out.getvalue()

    def still_good(self, **overrides: object):
        out = io.StringIO()
        with mock.patch.object(sshcert, "realm_ca_lines", return_value=(self.ca_lines, None)), \
                mock.patch.object(sshcert, "load_into_agent") as agent, contextlib.redirect_stdout(out):
            good = sshcert.still_good(self.args(**overrides), self.key, self.cert, "https://id.example.org/realms/hpc")
        return good, out.getvalue(), agent

    # ---- the table -------------------------------------------------------------------------------------------

    def test_one_table_holds_every_state_with_the_documented_exit_codes(self):
        self.assertEqual(STATES, set(sshcert.CERT_STATES))
        documented = dict(re.findall(r"^\s+(\d+)\s+(.*)$", cli.__doc__.split("Exit codes:\n")[1], re.MULTILINE))
        self.assertIn("valid", documented["0"])
        self.assertIn("no certificate", documented["10"])
        self.assertIn("expired", documented["11"])
        self.assertIn("not signed by the realm's current SSH CA", documented["12"])
        self.assertIn("another key", documented["13"])
        self.assertEqual({"valid": 0, "missing": 10, "unreadable": 10, "expired": 11, "other-ca": 12, "other-key": 13},
                         {name: state.check_exit for name, state in sshcert.CERT_STATES.items()})
        self.assertEqual(sshcert.CHECK_EXIT, {name: state.check_exit for name, state in sshcert.CERT_STATES.items()})

    def test_every_state_but_valid_has_words_for_check(self):
        for name, state in sshcert.CERT_STATES.items():
            self.assertEqual(name == "valid", state.check_message is None, name)
            if state.check_message:
                self.assertIn("hpc-ssh-cert", state.check_message, name)

    # ---- which state applies ---------------------------------------------------------------------------------

    def test_a_fresh_certificate_from_the_realms_ca_is_valid(self):
        self.sign()
        state, info = sshcert.certificate_status(self.cert, self.key, self.ca_lines)
        self.assertEqual("valid", state)
        self.assertEqual(["mila"], info["principals"])
        self.assertEqual("mila@hpc", info["key_id"])
        self.assertAlmostEqual(time.time() + 3600, info["valid_before"], delta=120)

    def test_missing_and_unreadable(self):
        self.assertEqual("missing", self.status())
        self.cert.write_text("this is not a certificate\n")
        self.assertEqual("unreadable", self.status())

    def test_expired(self):
        self.sign("20200101:20200102")
        self.assertEqual("expired", self.status())

    def test_another_ca(self):
        self.sign(ca="other-ca")
        self.assertEqual("other-ca", self.status())
        self.assertEqual("valid", self.status(ca_lines=self.ca_lines + [(self.dir / "other-ca.pub").read_text()]))

    def test_without_the_realms_ca_list_the_certificate_alone_decides(self):
        self.sign(ca="other-ca")
        state, _ = sshcert.certificate_status(self.cert, self.key, None)
        self.assertEqual("valid", state)

    def test_another_key_wins_over_expired(self):
        self.sign("20200101:20200102", key="other-id")
        self.assertEqual("other-key", self.status())

    # ---- --check ---------------------------------------------------------------------------------------------

    def test_check_says_and_returns_each_state(self):
        code, out = self.check()
        self.assertEqual((10, f"Your request does not provide a valid certificate: there is no certificate at "
                              f"{self.cert}. Run hpc-ssh-cert to load one.\n"), (code, out))
        self.sign("20200101:20200102")
        code, out = self.check()
        self.assertEqual(11, code)
        self.assertRegex(out, r"^Your certificate expired at 2020-01-0[12]T\S+: run hpc-ssh-cert to load a new one.\n$")
        self.sign(ca="other-ca")
        code, out = self.check()
        self.assertEqual(12, code)
        self.assertIn("is not signed by the current SSH CA of realm hpc (its CA is SHA256:", out)
        self.sign(key="other-id")
        code, out = self.check()
        self.assertEqual((13, f"Your certificate {self.cert} was made for another key than {self.key}: run "
                              f"hpc-ssh-cert to load a new one.\n"), (code, out))

    def test_check_of_a_valid_certificate_shows_its_details(self):
        self.sign(principals="mila,mila-admin")
        code, out = self.check()
        self.assertEqual(0, code)
        self.assertRegex(out, r"^Your certificate is valid until \S+ \(5\d minutes left\)\.\n")
        self.assertIn(f"  Certificate: {self.cert}\n  Principals: mila, mila-admin\n  Key ID: mila@hpc\n", out)
        self.assertNotIn("Not compared", out)

    def test_check_says_when_the_realms_ca_could_not_be_fetched(self):
        self.sign()
        code, out = self.check(ca_problem="HTTP 503")
        self.assertEqual(0, code)
        self.assertIn("(Not compared with the realm's CA, which could not be fetched: HTTP 503.)", out)

    def test_the_command_check_without_keycloak(self):
        # Nothing listens on port 9: the CA list cannot be fetched, and --check still judges the local file.
        result = run("--server", "http://127.0.0.1:9", "--key", str(self.key), "status")
        self.assertEqual(10, result.returncode, result.stdout + result.stderr)
        self.assertIn("there is no certificate at", result.stdout)
        self.sign("20200101:20200102")
        result = run("--server", "http://127.0.0.1:9", "--key", str(self.key), "--check")
        self.assertEqual(11, result.returncode, result.stdout + result.stderr)

    # ---- refresh: keep or replace ----------------------------------------------------------------------------

    def test_a_good_certificate_is_kept_and_loaded(self):
        self.sign()
        good, out, agent = self.still_good()
        self.assertTrue(good)
        self.assertIn("is still valid until", out)
        self.assertIn("nothing to do.", out)
        agent.assert_called_once()

    def test_force_replaces_even_a_good_certificate_silently(self):
        self.sign()
        self.assertEqual((False, ""), self.still_good(force=True)[:2])

    def test_a_certificate_about_to_expire_is_refreshed(self):
        self.sign("+4m")
        good, out, agent = self.still_good()
        self.assertFalse(good)
        self.assertRegex(out, r"^Your certificate expires at \S+, within 300 s: refreshing it.\n$")
        agent.assert_not_called()

    def test_a_certificate_without_a_principal_asked_for_is_replaced(self):
        self.sign()
        self.assertFalse(self.still_good(principal=["mila-admin"])[0])
        self.assertTrue(self.still_good(principal=["mila"])[0])

    def test_each_other_state_says_why_it_is_replaced(self):
        self.assertEqual((False, ""), self.still_good()[:2])  # missing: nothing to say
        self.cert.write_text("garbage\n")
        self.assertEqual(f"{self.cert} does not certify {self.key}: replacing it.\n", self.still_good()[1])
        self.sign("20200101:20200102")
        self.assertRegex(self.still_good()[1], r"^Your certificate expired at 2020-01-0[12]T\S+: refreshing it.\n$")
        self.sign(ca="other-ca")
        self.assertEqual("Your certificate is not signed by the current SSH CA of realm hpc: replacing it.\n",
                         self.still_good()[1])
        self.sign(key="other-id")
        self.assertEqual(f"{self.cert} does not certify {self.key}: replacing it.\n", self.still_good()[1])


class RenewalDecision(unittest.TestCase):

    def info(self, valid_before: Optional[float], principals: List[str]) -> dict:
        return {"valid_before": valid_before, "principals": principals}

    def test_only_a_valid_certificate_may_be_kept(self):
        for state in STATES - {"valid"}:
            self.assertTrue(sshcert.needs_renewal(state, self.info(2000, ["mila"]), 1000, 300, None), state)
        self.assertFalse(sshcert.needs_renewal("valid", self.info(2000, ["mila"]), 1000, 300, None))

    def test_the_refresh_margin_is_inclusive(self):
        self.assertTrue(sshcert.needs_renewal("valid", self.info(1300, ["mila"]), 1000, 300, None))
        self.assertFalse(sshcert.needs_renewal("valid", self.info(1301, ["mila"]), 1000, 300, None))

    def test_a_certificate_without_end_is_kept(self):
        self.assertFalse(sshcert.needs_renewal("valid", self.info(None, ["mila"]), 1000, 300, None))

    def test_every_principal_asked_for_must_be_in_it(self):
        self.assertFalse(sshcert.needs_renewal("valid", self.info(5000, ["a", "b"]), 1000, 300, ["b"]))
        self.assertTrue(sshcert.needs_renewal("valid", self.info(5000, ["a", "b"]), 1000, 300, ["b", "c"]))


if __name__ == "__main__":
    unittest.main()
