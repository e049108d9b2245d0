"""Unit tests of hpc-mfa-terminal's configuration rules: the secret stays in its own file, the realm is https.

Run: python3 -m unittest discover -s login-node/tests   (also run by the Maven build, PythonToolsTest)
"""
import contextlib
import importlib.machinery
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "hpc-mfa-terminal"


def load_helper():
    loader = importlib.machinery.SourceFileLoader("hpc_mfa_terminal", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


helper = load_helper()


class Configuration(unittest.TestCase):

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.dir = Path(self.directory.name)
        self.secret = self.dir / "client-secret"
        self.secret.write_text("gateway-s3cret\n")
        self.secret.chmod(0o600)

    def tearDown(self):
        self.directory.cleanup()

    def config(self, *lines):
        path = self.dir / "terminal.conf"
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)
        return str(path)

    def test_the_secret_comes_from_its_own_file(self):
        config = helper.read_config(self.config("url = https://mfa.example.org/realms/hpc", "client_id = ssh-gateway",
                                                f"client_secret_file = {self.secret}"))
        self.assertEqual("gateway-s3cret", config["client_secret"])

    def test_plain_http_only_to_this_machine(self):
        for url in ("http://localhost:8080/realms/hpc", "http://127.0.0.1:8080/realms/hpc", "http://[::1]/realms/hpc"):
            self.assertIsNone(helper.url_problem(url), url)
            helper.read_config(self.config(f"url = {url}", "client_id = ssh-gateway",
                                           f"client_secret_file = {self.secret}"))
        for url in ("http://mfa.example.org/realms/hpc", "http://127.0.0.1.evil.example/realms/hpc",
                    "http://10.1.2.3/realms/hpc", "mfa.example.org"):
            with self.assertRaises(ValueError, msg=url) as refused:
                helper.read_config(self.config(f"url = {url}", "client_id = ssh-gateway",
                                               f"client_secret_file = {self.secret}"))
            self.assertIn("https", str(refused.exception))

    def test_a_secret_written_into_the_configuration_is_refused(self):
        with self.assertRaises(ValueError) as refused:
            helper.read_config(self.config("url = https://mfa.example.org/realms/hpc", "client_id = ssh-gateway",
                                           "client_secret = gateway-s3cret"))
        self.assertIn("client_secret_file", str(refused.exception))
        self.assertNotIn("gateway-s3cret", str(refused.exception))

    def test_an_empty_secret_file_is_refused(self):
        self.secret.write_text("\n")
        with self.assertRaises(ValueError):
            helper.read_config(self.config("url = https://mfa.example.org/realms/hpc", "client_id = ssh-gateway",
                                           f"client_secret_file = {self.secret}"))

    def test_a_bad_configuration_denies_the_login(self):
        # Fail closed: the PAM module reads DENY, the user is not let in.
        path = self.config("url = http://mfa.example.org/realms/hpc", "client_id = ssh-gateway",
                           f"client_secret_file = {self.secret}")
        result = subprocess.run([sys.executable, str(SCRIPT), "--config", path, "alice", "192.0.2.1"],
                                capture_output=True, text=True, timeout=30)
        self.assertEqual(1, result.returncode)
        self.assertTrue(result.stdout.startswith("DENY "), result.stdout)
        self.assertNotIn("gateway-s3cret", result.stdout + result.stderr)


class Arguments(unittest.TestCase):
    """What the PAM module passes: the positional arguments first, then --key and --device (mode=device)."""

    def test_the_terminal_prompt_arguments_still_work(self):
        self.assertEqual({"config": "/c", "user": "mila", "remote": "192.0.2.7", "key": None, "device": None},
                         helper.parse_arguments(["h", "--config", "/c", "mila", "192.0.2.7"]))
        self.assertEqual("", helper.parse_arguments(["h", "--config", "/c", "mila"])["remote"])

    def test_key_and_device(self):
        parsed = helper.parse_arguments(["h", "--config", "/c", "mila", "192.0.2.7", "--key", "ssh-ed25519 AAAA",
                                         "--device", "180"])
        self.assertEqual(("ssh-ed25519 AAAA", 180), (parsed["key"], parsed["device"]))

    def test_malformed_arguments_are_refused(self):
        for extra in (["--device"], ["--device", "0"], ["--device", "3601"], ["--device", "x"], ["--mode", "device"],
                      ["--key"]):
            self.assertIsNone(helper.parse_arguments(["h", "--config", "/c", "mila", "192.0.2.7"] + extra), extra)

    def test_fingerprint_of_a_plain_key_only(self):
        key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
        # ssh-keygen -lf agrees (the same key as the integration tests' DeviceLogin.DEFAULT_KEY)
        self.assertRegex(helper.key_fingerprint(key), r"^SHA256:[A-Za-z0-9+/]{43}$")
        self.assertIsNone(helper.key_fingerprint("ssh-ed25519-cert-v01@openssh.com AAAA"))
        self.assertIsNone(helper.key_fingerprint(None))
        self.assertIsNone(helper.key_fingerprint("ssh-ed25519 not*base64"))


class FakeKeycloak:
    """Keycloak's answers for the device mode, in order, recording what the helper sent."""

    def __init__(self, token_answers, finish=(200, {"result": "ok", "message": "Second factor accepted."})):
        self.calls = []
        self.token_answers = list(token_answers)
        self.finish = finish

    def call(self, endpoint, payload):
        self.calls.append((endpoint, payload))
        if endpoint == "device/start":
            return 200, {"instruction": "Open this link as mila:", "scan": "Or scan:", "prompt": "Press Enter: "}
        return self.finish

    def form(self, path, fields):
        self.calls.append((path, fields))
        if path.endswith("/auth/device"):
            return 200, {"device_code": "dc", "user_code": "ABCD-EFGH", "interval": 1, "expires_in": 600,
                         "verification_uri": "https://mfa.example.org/realms/hpc/device",
                         "verification_uri_complete": "https://mfa.example.org/realms/hpc/device?user_code=ABCD-EFGH"}
        return self.token_answers.pop(0)


CONFIG = {"client_id": "ssh-gateway", "client_secret": "s3cret", "timeout": 10.0}
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


class DeviceMode(unittest.TestCase):

    def run_device(self, keycloak, typed="\n", close_after_typing=False, seconds=60):
        read_end, write_end = os.pipe()
        os.write(write_end, typed.encode())
        if close_after_typing:
            os.close(write_end)
        out = io.StringIO()
        with os.fdopen(read_end) as stdin, contextlib.redirect_stdout(out):
            code = helper.device_login(keycloak, CONFIG, "mila", "192.0.2.7", KEY, seconds, stdin)
        if not close_after_typing:
            os.close(write_end)
        return code, out.getvalue().splitlines()

    def test_the_link_and_a_qr_code_then_ok_once_keycloak_accepts(self):
        keycloak = FakeKeycloak([(400, {"error": "authorization_pending"}), (200, {"access_token": "t0ken"})])
        code, lines = self.run_device(keycloak)
        self.assertEqual(0, code, lines)
        self.assertEqual("INFO Open this link as mila:", lines[0])
        self.assertEqual("INFO https://mfa.example.org/realms/hpc/device?user_code=ABCD-EFGH", lines[1])
        self.assertEqual("INFO Or scan:", lines[2])
        self.assertTrue(any("\u2588" in line for line in lines), lines)
        self.assertLessEqual(len([line for line in lines if line.startswith("INFO ")]), 40, "the module's limit")
        self.assertEqual(["PROMPT Press Enter: ", "OK Second factor accepted."], lines[-2:])
        device = dict(keycloak.calls)["/protocol/openid-connect/auth/device"]
        self.assertEqual("mila", device["login_hint"])
        self.assertEqual(helper.key_fingerprint(KEY), device["ssh_key_fingerprint"])
        self.assertEqual({"access_token": "t0ken", "username": "mila", "remote_address": "192.0.2.7"},
                         dict(keycloak.calls)["device/finish"])

    def test_keycloak_judges_and_its_message_is_shown(self):
        keycloak = FakeKeycloak([(200, {"access_token": "t0ken"})],
                                finish=(403, {"error": "device_wrong_user", "message": "Not you."}))
        code, lines = self.run_device(keycloak)
        self.assertEqual((1, "DENY Not you."), (code, lines[-1]))

    def test_a_denied_login_is_reported_to_keycloak(self):
        keycloak = FakeKeycloak([(400, {"error": "access_denied"})],
                                finish=(401, {"error": "device_denied", "message": "Cancelled."}))
        code, lines = self.run_device(keycloak)
        self.assertEqual((1, "DENY Cancelled."), (code, lines[-1]))
        self.assertEqual("access_denied", dict(keycloak.calls)["device/finish"]["error"])

    def test_waiting_ends_at_the_timeout_and_says_so(self):
        keycloak = FakeKeycloak([(400, {"error": "authorization_pending"})] * 20,
                                finish=(401, {"error": "device_expired", "message": "Too late."}))
        code, lines = self.run_device(keycloak, seconds=6)
        self.assertEqual((1, "DENY Too late."), (code, lines[-1]))
        self.assertEqual("timeout", dict(keycloak.calls)["device/finish"]["error"])

    def test_ctrl_c_ends_the_wait_without_an_answer(self):
        # The PAM module closes the helper's stdin when the connection ends: no OK, nothing sent to finish.
        keycloak = FakeKeycloak([(400, {"error": "authorization_pending"})] * 20)
        code, lines = self.run_device(keycloak, close_after_typing=True)
        self.assertEqual(1, code)
        self.assertFalse(any(line.startswith("OK") for line in lines), lines)
        self.assertNotIn("device/finish", dict(keycloak.calls))


class QrCodes(unittest.TestCase):
    """The QR encoder's structure (the integration test decodes the prompt's code with ZXing)."""

    def setUp(self):
        sys.path.insert(0, str(SCRIPT.parent))
        import hpc_mfa_qr
        self.qr = hpc_mfa_qr
        sys.path.pop(0)

    def test_the_smallest_version_that_holds_the_link(self):
        for length, version in ((14, 1), (26, 2), (42, 3), (62, 4), (84, 5), (106, 6), (122, 7), (152, 8),
                                (180, 9), (213, 10)):
            self.assertEqual(version * 4 + 17, len(self.qr.encode("a" * length)), length)
        self.assertEqual(25, len(self.qr.encode("a" * 15)))
        with self.assertRaises(ValueError):
            self.qr.encode("a" * 214)

    def test_finder_patterns_and_timing(self):
        grid = self.qr.encode("https://mfa.example.org/realms/hpc/device?user_code=ABCD-EFGH")
        size = len(grid)
        for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
            self.assertTrue(grid[cy][cx] and grid[cy - 3][cx - 3] and not grid[cy - 2][cx - 2], (cx, cy))
        self.assertEqual([i % 2 == 0 for i in range(8, size - 8)], [grid[6][i] for i in range(8, size - 8)])
        self.assertTrue(grid[size - 8][8], "the dark module")

    def test_known_reed_solomon_remainder(self):
        # ISO/IEC 18004 Annex I: "01234567" at 1-M; the data codewords and their ten error-correction codewords.
        data = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        self.assertEqual([0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55],
                         self.qr.rs_remainder(data, self.qr.rs_divisor(10)))

    def test_half_blocks_two_rows_a_line_with_a_quiet_zone(self):
        lines = self.qr.half_blocks("https://example.org/")
        self.assertEqual(25 + 4, len(lines[0]))
        self.assertEqual((25 + 4 + 1) // 2, len(lines))
        self.assertEqual("\u2588" * 29, lines[0], "the quiet zone is drawn (light on a dark terminal)")
        self.assertTrue(all(line.endswith("\u2588") for line in lines), "nothing for a terminal to trim")


if __name__ == "__main__":
    unittest.main()
