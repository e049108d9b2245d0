"""Unit tests of hpc-ssh-cert's local rules: where a client secret may come from, which server URLs it talks to.

Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsTest)
"""
import io
import os
import subprocess
import sys
import tempfile
import types
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "hpc-ssh-cert"
sys.path.insert(0, str(SCRIPT.parent))  # the hpc_mfa package beside the script

from hpc_mfa import ssh_cert_command as cli  # noqa: E402  (hpc-ssh-cert's main and the names its tests use)
from hpc_mfa import sshcert  # noqa: E402,F401  (where the certificate code looks its helpers up)


def run(*args, env=None, stdin=""):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HPC_SSH_CERT_")}
    environ.update(env or {})
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, text=True,
                          env=environ, timeout=30)


class ServerUrl(unittest.TestCase):

    def test_https_anywhere_and_plain_http_only_to_this_machine(self):
        for url in ("https://id.example.org", "https://id.example.org:8443/auth", "http://localhost:8080",
                    "http://127.0.0.1:8080", "http://127.1.2.3", "http://[::1]:8080", "HTTP://LOCALHOST"):
            self.assertIsNone(cli.server_problem(url), url)

    def test_plain_http_elsewhere_is_refused(self):
        for url in ("http://id.example.org", "http://10.0.0.5:8080", "http://127.0.0.1.evil.example",
                    "http://localhost.evil.example", "http://evil.localhost", "http://[::2]", "http://0.0.0.0:8080"):
            problem = cli.server_problem(url)
            self.assertIsNotNone(problem, url)
            self.assertIn("plain http", problem)

    def test_other_schemes_are_refused(self):
        for url in ("ftp://id.example.org", "id.example.org", "file:///etc/passwd", "https://"):
            self.assertIsNotNone(cli.server_problem(url), url)

    def test_the_command_refuses_a_remote_http_server_before_any_request(self):
        result = run("--server", "http://id.example.org", "--check")
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("uses plain http", result.stderr)
        self.assertIn("https://id.example.org", result.stderr)


class ClientSecret(unittest.TestCase):

    def args(self, secret_file=None):
        return types.SimpleNamespace(client_secret_file=secret_file)

    def test_from_a_file(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "secret"
            path.write_text("s3cret-from-file\n")
            path.chmod(0o600)
            self.assertEqual("s3cret-from-file", cli.secret_from(self.args(str(path)), {}))

    def test_from_stdin(self):
        self.assertEqual("s3cret-from-stdin", cli.read_secret("-", io.StringIO("s3cret-from-stdin\n")))
        with self.assertRaises(cli.Failure):
            cli.read_secret("-", io.StringIO(""))

    def test_from_the_environment(self):
        self.assertEqual("s3cret-from-env", cli.secret_from(self.args(), {"HPC_SSH_CERT_CLIENT_SECRET": " s3cret-from-env\n"}))
        self.assertIsNone(cli.secret_from(self.args(), {}))

    def test_an_empty_or_missing_file_is_a_local_error(self):
        with tempfile.TemporaryDirectory() as directory:
            empty = Path(directory) / "empty"
            empty.write_text("\n")
            for path in (str(empty), str(Path(directory) / "missing")):
                with self.assertRaises(cli.Failure) as failure:
                    cli.secret_from(self.args(path), {})
                self.assertEqual(cli.EXIT_LOCAL, failure.exception.code)

    def test_a_secret_on_the_command_line_is_refused_without_being_repeated(self):
        result = run("--client-id", "ci-deploy", "--client-secret", "s3cret-on-the-command-line")
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("--client-secret is refused", result.stderr)
        self.assertIn("--client-secret-file", result.stderr)
        self.assertNotIn("s3cret-on-the-command-line", result.stdout + result.stderr)

    def test_device_login_needs_a_secret_from_file_stdin_or_environment(self):
        result = run("--client-id", "ssh-gateway", "--device-login")
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("--device-login needs", result.stderr)

    def test_a_secret_piped_in_reaches_the_client_credentials_login(self):
        # Nothing listens on port 9: the command gets as far as the login, so it read and used the piped secret.
        with tempfile.TemporaryDirectory() as home:
            result = run("--server", "http://127.0.0.1:9", "--client-id", "ci-deploy", "--client-secret-file", "-",
                         "--key", str(Path(home) / "id"), env={"HOME": home}, stdin="s3cret-piped\n")
        self.assertEqual(cli.EXIT_UNREACHABLE, result.returncode, result.stdout + result.stderr)
        self.assertIn("cannot reach http://127.0.0.1:9/realms/mfa-demo/protocol/openid-connect/token", result.stderr)
        self.assertNotIn("s3cret-piped", result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
