"""Unit tests of mfa's commands against a fake account API that answers as docs/account-api contract says: the
Toronto journey's prompts and their order, --json for scripts, the recovery-codes file (name, mode 0600), the exit
code of every kind of refusal, one more sign-in when a step needs a recent one. The real Keycloak: MfaCliIT.

Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsIT)
"""
from __future__ import annotations

import base64
import http.server
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path
from typing import Dict, List, Tuple

CLIENT = Path(__file__).resolve().parent.parent
MFA = CLIENT / "mfa"
sys.path.insert(0, str(CLIENT))

from hpc_mfa import VERSION, command, recovery  # noqa: E402
from test_cli import pom_version  # noqa: E402

CODES = [f"abcd-efgh-{i:04d}" for i in range(8)]


def jwt(username: str) -> str:
    payload = base64.urlsafe_b64encode(json.dumps({"preferred_username": username}).encode()).decode().rstrip("=")
    return f"e30.{payload}.sig"


class FakeKeycloak(http.server.ThreadingHTTPServer):
    """The token endpoint (password grant) and the account API, with canned answers a test may replace."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.calls: List[Tuple[str, str, Dict]] = []
        self.answers: Dict[Tuple[str, str], List[Tuple[int, Dict]]] = {}
        self.tokens = 0

    def answer(self, method: str, path: str, *replies: Tuple[int, Dict]) -> None:
        self.answers[(method, path)] = list(replies)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: FakeKeycloak

    def log_message(self, *args: object) -> None:
        pass

    def reply(self, status: int, body: Dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        path = self.path.split("/realms/hpc/", 1)[-1]
        if path == "protocol/openid-connect/token":
            form = dict(p.split("=", 1) for p in raw.split("&"))
            self.server.calls.append((method, path, form))
            if form.get("password") != "pw":
                self.reply(401, {"error": "invalid_grant", "error_description": "Invalid user credentials"})
                return
            self.server.tokens += 1
            self.reply(200, {"access_token": jwt("alice")})
            return
        body = json.loads(raw) if raw else {}
        self.server.calls.append((method, path, dict(body, _auth=self.headers.get("Authorization"))))
        replies = self.server.answers.get((method, path))
        if not replies:
            self.reply(404, {"error": "not_found"})
            return
        status, answer = replies.pop(0) if len(replies) > 1 else replies[0]
        self.reply(status, answer)

    def do_GET(self) -> None:
        self.handle_any("GET")

    def do_POST(self) -> None:
        self.handle_any("POST")


class MfaCommands(unittest.TestCase):

    def setUp(self) -> None:
        self.keycloak = FakeKeycloak()
        threading.Thread(target=self.keycloak.serve_forever, daemon=True).start()
        self.directory = tempfile.TemporaryDirectory()
        self.dir = Path(self.directory.name)

    def tearDown(self) -> None:
        self.keycloak.shutdown()
        self.keycloak.server_close()
        self.directory.cleanup()

    def mfa(self, *args: str, answers: str = "") -> subprocess.CompletedProcess:
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("HPC_MFA_", "HPC_SSH_CERT_"))}
        environ.update(HPC_MFA_QR="builtin", PYTHONDONTWRITEBYTECODE="1")
        return subprocess.run([sys.executable, str(MFA), "--server", self.keycloak.url, "--realm", "hpc",
                               "--password", "--username", "alice", *args],
                              input=answers, capture_output=True, text=True, env=environ, cwd=self.dir, timeout=60)

    def posted(self, path: str) -> List[Dict]:
        return [body for method, p, body in self.keycloak.calls if p == path and method == "POST"]

    def enrolment(self) -> None:
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments", (200, {
            "enrolment": "h/1", "complete": False, "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
            "otpauthUri": "otpauth://totp/hpc:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=hpc",
            "digits": 6, "period": 30, "algorithm": "SHA1", "issuer": "hpc", "account": "alice"}))

    def test_mk_authenticator_follows_the_toronto_prompts_and_saves_the_codes_0600(self):
        self.enrolment()
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments/h%2F1/confirm", (200, {
            "complete": True, "method": "AUTHENTICATOR", "recoveryCodes": CODES, "issuer": "hpc"}))
        result = self.mfa("mk", "authenticator", answers="pw\n\ny\ny\n123 456\ny\n")
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        out = result.stdout
        order = ["Username", "Password", "Do you have a phone to scan a QR Code to generate TOTP codes? [y/N]",
                 "Please, scan the QR code", "\u2588\u2588\u2588", "Would you like to display the security key? [y/N]",
                 "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", "Enter the 6-digit Code to verify enrolment was successful",
                 "Recovery codes are used to access your account in", CODES[0], CODES[7],
                 "Would you like to save the codes into a text file? [y/N]",
                 "Written alice_hpc_recovery_codes.txt with recovery codes."]
        positions = [out.find(text) if text not in ("Username", "Password") else 0 for text in order]
        self.assertTrue(all(p >= 0 for p in positions), out)
        self.assertEqual(sorted(positions), positions, out)
        self.assertEqual([{"code": "123456", "_auth": f"Bearer {jwt('alice')}"}],
                         self.posted("hpc-mfa-account/enrolments/h%2F1/confirm"))
        self.assertEqual("AUTHENTICATOR", self.posted("hpc-mfa-account/enrolments")[0]["method"])
        saved = self.dir / "alice_hpc_recovery_codes.txt"
        self.assertEqual(0o600, stat.S_IMODE(saved.stat().st_mode))
        self.assertEqual(CODES, saved.read_text().strip().split("\n")[-8:])
        self.assertNotIn("pw", out)

    def test_without_a_phone_the_key_and_no_qr_code(self):
        self.enrolment()
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments/h%2F1/confirm", (200, {
            "complete": True, "method": "AUTHENTICATOR", "recoveryCodes": CODES, "issuer": "hpc"}))
        result = self.mfa("mk", "AUTHENTICATOR", answers="pw\n\nn\n123456\nn\n")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("JBSW Y3DP", result.stdout)
        self.assertNotIn("\u2588\u2588\u2588", result.stdout)
        self.assertEqual([], list(self.dir.iterdir()), "no file unless asked")

    def test_json_for_scripts_results_on_stdout_prompts_on_stderr(self):
        self.enrolment()
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments/h%2F1/confirm", (200, {
            "complete": True, "method": "AUTHENTICATOR", "recoveryCodes": CODES, "issuer": "hpc"}))
        result = self.mfa("--json", "mk", "AUTHENTICATOR", answers="pw\n\n123456\n")
        self.assertEqual(0, result.returncode, result.stderr)
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual(("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", CODES), (lines[0]["secret"], lines[1]["recoveryCodes"]))
        self.assertIn("Enter the 6-digit Code", result.stderr)
        self.assertNotIn("[y/N]", result.stderr, "no yes/no question in --json")

    def test_a_wrong_code_may_be_typed_again_at_a_terminal_only(self):
        self.enrolment()
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments/h%2F1/confirm",
                             (400, {"error": "invalid_code", "error_description": "Invalid code"}))
        result = self.mfa("mk", "AUTHENTICATOR", answers="pw\n\nn\n000000\n")
        self.assertEqual(6, result.returncode, result.stderr)
        self.assertIn("Error: the set-up was not verified (invalid_code).", result.stderr)
        self.assertEqual(1, len(self.posted("hpc-mfa-account/enrolments/h%2F1/confirm")), "stdin is no terminal")

    def test_rm_mails_a_token_and_takes_it_pasted_back(self):
        self.keycloak.answer("POST", "hpc-mfa-removal/requests", (200, {
            "sentTo": "a***@example.org", "expiresIn": 900,
            "factors": [{"id": "c1", "method": "AUTHENTICATOR", "label": "Authy"}]}))
        self.keycloak.answer("POST", "hpc-mfa-removal/confirm", (200, {
            "removed": [{"id": "c1", "method": "AUTHENTICATOR"}, {"id": "c2", "method": "RECOVERY_CODES"}],
            "certificatesRevoked": 2}))
        result = self.mfa("rm", answers="pw\n\nABCD-EFGH-IJKL\n")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("message : Confirmation email sent to a***@example.org.", result.stdout)
        self.assertIn("valid for 15 minutes and removes:\n  Authenticator app (TOTP): Authy", result.stdout)
        self.assertIn("Please, paste the token to continue: ", result.stdout)
        self.assertIn("Two-factor login has been disabled (removed: Authenticator app (TOTP), Recovery codes)",
                      result.stdout)
        self.assertIn("2 SSH certificates were revoked", result.stdout)
        self.assertEqual("ABCD-EFGH-IJKL", self.posted("hpc-mfa-removal/confirm")[0]["token"])

    def test_every_refusal_names_its_code_and_exit_code(self):
        cases = [("hpc-mfa-removal/confirm", {"error": "expired_token"}, ["rm", "--confirm"], 6, "run mfa rm again"),
                 ("hpc-mfa-removal/confirm", {"error": "invalid_token"}, ["rm", "--confirm"], 6, "another account"),
                 ("hpc-mfa-removal/requests", {"error": "disabling_not_allowed"}, ["rm"], 3, "ask IT support"),
                 ("hpc-mfa-account/codes", {"error": "rate_limited", "retryAfter": 42}, ["get-token", "EMAIL"], 7,
                  "wait 42 seconds"),
                 ("hpc-mfa-account/enrolments", {"error": "method_not_offered"}, ["mk", "SMS", "--phone", "+1"], 3,
                  "does not offer SMS"),
                 ("hpc-mfa-account/verify", {"error": "no_factor"}, ["verify"], 3, "mfa mk AUTHENTICATOR")]
        for path, error, argv, code, hint in cases:
            with self.subTest(error=error["error"]):
                self.keycloak.answer("POST", path, (429 if code == 7 else 400, error))
                result = self.mfa(*argv, answers="pw\n\nX\n")
                self.assertEqual(code, result.returncode, result.stdout + result.stderr)
                self.assertIn(f"({error['error']})", result.stderr)
                self.assertIn(hint, result.stderr)

    def test_a_step_that_needs_a_recent_sign_in_signs_in_once_more(self):
        self.keycloak.answer("POST", "hpc-mfa-account/recovery-codes",
                             (401, {"error": "reauthentication_required"}),
                             (200, {"recoveryCodes": CODES, "remaining": 8, "warnAt": 3}))
        result = self.mfa("recovery-codes", "--regenerate", "--yes", answers="pw\n\npw\n\nn\n")
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertEqual(2, self.keycloak.tokens)
        self.assertIn("This step needs a recent sign-in", result.stdout)
        self.assertIn(CODES[3], result.stdout)

    def test_a_wrong_password_is_exit_5_and_a_missing_api_is_named(self):
        result = self.mfa("status", answers="wrong\n\n")
        self.assertEqual(5, result.returncode, result.stderr)
        self.assertIn("Invalid user credentials", result.stderr)
        result = self.mfa("status", answers="pw\n\n")
        self.assertEqual(3, result.returncode, result.stderr)
        self.assertIn("does not offer the self-service API in realm hpc", result.stderr)

    def test_mk_sms_asks_for_the_phone_and_sends_it(self):
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments", (200, {"enrolment": "s1", "sentTo": "+32 *** ** 23",
                                                                         "expiresIn": 300}))
        self.keycloak.answer("POST", "hpc-mfa-account/enrolments/s1/confirm", (200, {
            "complete": True, "method": "SMS", "recoveryCodes": CODES, "issuer": "hpc"}))
        result = self.mfa("mk", "SMS", answers="pw\n\n+32470000123\n654321\nn\n")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("A code was sent to +32 *** ** 23; it is valid for 5 minutes.", result.stdout)
        self.assertEqual(("SMS", "+32470000123"), (self.posted("hpc-mfa-account/enrolments")[0]["method"],
                                                   self.posted("hpc-mfa-account/enrolments")[0]["phone"]))
        self.assertEqual("654321", self.posted("hpc-mfa-account/enrolments/s1/confirm")[0]["code"])

    def test_status_lists_factors_codes_and_methods(self):
        self.keycloak.answer("GET", "hpc-mfa-account/factors", (200, {
            "username": "alice", "methods": ["AUTHENTICATOR", "EMAIL"],
            "factors": [{"id": "c1", "type": "otp", "method": "AUTHENTICATOR", "label": "Authy", "created": 0},
                        {"id": "c2", "type": "recovery-authn-codes", "method": "RECOVERY_CODES", "label": None,
                         "created": 1764806400000}],
            "recoveryCodes": {"remaining": 3, "count": 8, "warn": True}}))
        result = self.mfa("status", answers="pw\n\n")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("Authenticator app (TOTP)", result.stdout)
        self.assertRegex(result.stdout, r"Recovery codes +added 20[0-9][0-9]-", "no label: no stray comma")
        self.assertIn("You have 3 of 8 recovery codes left. Only 3 left: mfa recovery-codes --regenerate",
                      result.stdout)
        self.assertIn("Methods you can set up here: AUTHENTICATOR, EMAIL", result.stdout)


class LocalRules(unittest.TestCase):

    def test_version_is_the_packs(self):
        self.assertEqual(pom_version(), VERSION)
        result = subprocess.run([sys.executable, str(MFA), "--version"], capture_output=True, text=True, timeout=30)
        self.assertEqual(f"mfa {pom_version()}\n", result.stdout)

    def test_help_documents_every_exit_code(self):
        text = "\n" + command.__doc__.split("Exit codes:\n")[1]
        for code in ("0", "1", "2", "3", "4", "5", "6", "7", "10-13", "130"):
            self.assertRegex(text, rf"\n  {code} ")

    def test_the_file_name_cannot_leave_the_directory(self):
        self.assertEqual("alice_mfa-demo_recovery_codes.txt", recovery.file_name("alice", "mfa-demo"))
        self.assertEqual("x_evil_recovery_codes.txt", recovery.file_name("/../x", "evil"))
        self.assertEqual("alice_Research_Computing_MFA_demo_recovery_codes.txt",
                         recovery.file_name("alice", "Research Computing MFA (demo)"))
        with tempfile.TemporaryDirectory() as directory:
            target = Path(directory) / "elsewhere"
            target.write_text("keep")
            (Path(directory) / "a_b_recovery_codes.txt").symlink_to(target)
            with self.assertRaises(Exception):
                recovery.save(Path(directory), "a", "b", CODES)
            self.assertEqual("keep", target.read_text())

    def test_ssh_cert_is_hpc_ssh_certs_code_with_mfas_server_and_realm(self):
        with tempfile.TemporaryDirectory() as home:
            key = str(Path(home) / "id")
            result = subprocess.run([sys.executable, str(MFA), "--server", "http://127.0.0.1:9", "--realm", "hpc",
                                     "ssh-cert", "--check", "--key", key], capture_output=True, text=True, timeout=30)
        self.assertEqual(10, result.returncode, result.stderr)
        self.assertIn(f"there is no certificate at {key}-cert.pub", result.stdout)
        refused = subprocess.run([sys.executable, str(MFA), "ssh-cert", "--client-secret", "s3cret"],
                                 capture_output=True, text=True, timeout=30)
        self.assertEqual(2, refused.returncode)
        self.assertIn("mfa ssh-cert: error: --client-secret is refused", refused.stderr)
        self.assertNotIn("s3cret", refused.stderr)

    def test_a_secret_on_the_command_line_is_not_an_option(self):
        result = subprocess.run([sys.executable, str(MFA), "status", "--password", "pw"], capture_output=True,
                                text=True, timeout=30)
        self.assertEqual(2, result.returncode)


if __name__ == "__main__":
    unittest.main()
