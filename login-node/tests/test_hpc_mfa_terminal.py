"""Unit tests of hpc-mfa-terminal's configuration rules: the secret stays in its own file, the realm is https.

Run: python3 -m unittest discover -s login-node/tests   (also run by the Maven build, PythonToolsTest)
"""
import importlib.machinery
import importlib.util
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


if __name__ == "__main__":
    unittest.main()
