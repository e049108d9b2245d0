"""Unit tests of hpc-ssh-cert's command line: arguments, --version, refusal messages and exit codes, local files.

Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsTest)
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from unittest import mock

from test_hpc_ssh_cert import SCRIPT, cli, run

ROOT_POM = SCRIPT.parent.parent / "pom.xml"


def pom_version() -> str:
    version = ElementTree.parse(ROOT_POM).getroot().find("{http://maven.apache.org/POM/4.0.0}version")
    assert version is not None and version.text
    return version.text.strip()


class Arguments(unittest.TestCase):

    def parse(self, *argv: str, env: dict = None):
        with mock.patch.dict(os.environ, env or {}, clear=False):
            for name in [k for k in os.environ if k.startswith("HPC_SSH_CERT_") and k not in (env or {})]:
                del os.environ[name]
            return cli.parse_args(list(argv))[1]

    def refused(self, *argv: str) -> str:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as exit_:
            cli.parse_args(list(argv))
        self.assertEqual(2, exit_.exception.code)
        return err.getvalue()

    def test_defaults(self):
        args = self.parse()
        self.assertEqual(("load", [], "http://localhost:8080", "mfa-demo", "ssh-cli"),
                         (args.command, args.args, args.server, args.realm, args.client_id))
        self.assertEqual((None, None, 300, False, False, False),
                         (args.ttl, args.principal, args.refresh_before, args.force, args.check, args.prove_key))
        self.assertEqual(str(Path.home() / ".ssh" / "id_ed25519"), args.key)

    def test_environment_gives_the_defaults_and_options_win(self):
        env = {"HPC_SSH_CERT_SERVER": "https://id.example.org", "HPC_SSH_CERT_REALM": "hpc",
               "HPC_SSH_CERT_CLIENT_ID": "ci-deploy", "HPC_SSH_CERT_PROVE_KEY": "1"}
        args = self.parse(env=env)
        self.assertEqual(("https://id.example.org", "hpc", "ci-deploy", True),
                         (args.server, args.realm, args.client_id, args.prove_key))
        self.assertEqual("other", self.parse("--realm", "other", env=env).realm)
        for off in ("0", "no", "false", ""):
            self.assertFalse(self.parse(env={"HPC_SSH_CERT_PROVE_KEY": off}).prove_key, off)

    def test_status_is_check(self):
        self.assertTrue(self.parse("status").check)
        self.assertTrue(self.parse("--check").check)

    def test_repeated_principals_and_numbers(self):
        args = self.parse("--principal", "a", "--principal", "b", "--ttl", "600", "--refresh-before", "60")
        self.assertEqual((["a", "b"], 600, 60), (args.principal, args.ttl, args.refresh_before))

    def test_keys_takes_its_arguments(self):
        self.assertEqual(["add", "k.pub"], self.parse("keys", "add", "k.pub").args)

    def test_wrong_arguments_exit_2(self):
        self.assertIn("unexpected arguments: extra", self.refused("load", "extra"))
        self.assertIn("invalid choice", self.refused("sing"))
        self.assertIn("invalid int value", self.refused("--ttl", "1h"))
        self.assertIn("--client-secret is refused", self.refused("--client-secret", "x"))
        self.assertIn("plain http", self.refused("--server", "http://id.example.org"))

    def test_version_is_the_packs(self):
        self.assertEqual(pom_version(), cli.VERSION)
        result = run("--version")
        self.assertEqual((0, f"hpc-ssh-cert {pom_version()}\n"), (result.returncode, result.stdout), result.stderr)

    def test_version_needs_no_valid_configuration(self):
        result = run("--version", env={"HPC_SSH_CERT_SERVER": "http://id.example.org"})
        self.assertEqual(0, result.returncode, result.stderr)

    def test_help_lists_the_exit_codes(self):
        result = run("--help")
        self.assertEqual(0, result.returncode)
        self.assertIn("13 --check: the certificate belongs to another key", result.stdout)
        self.assertIn("--version", result.stdout)

    def test_a_secret_needs_a_client_of_its_own(self):
        result = run("--client-secret-file", "-", stdin="s3cret\n")
        self.assertEqual(2, result.returncode)
        self.assertIn("a client secret needs --client-id", result.stderr)
        self.assertNotIn("s3cret", result.stdout + result.stderr)


class Refusals(unittest.TestCase):

    def test_the_server_text_and_the_hint_with_exit_code_3(self):
        failure = cli.refusal("no certificate", {"error": "ttl_too_long", "error_description": "at most 3600 s"},
                              False, "ssh-cli")
        self.assertEqual(cli.EXIT_REFUSED, failure.code)
        self.assertEqual("Error: no certificate (ttl_too_long).\n  Server says: at most 3600 s\n  What to do: Ask for a "
                         "shorter --ttl, or leave it out to get the realm's default.", str(failure))

    def test_a_translated_message_wins_over_the_description(self):
        failure = cli.refusal("x", {"error": "no_ca", "message": "Pas de CA", "error_description": "no CA"}, False, "c")
        self.assertIn("Server says: Pas de CA\n", str(failure))

    def test_people_and_automation_get_their_own_hint(self):
        answer = {"error": "no_principals"}
        self.assertIn("ask IT support", str(cli.refusal("x", answer, False, "ci-deploy")))
        self.assertIn("service-account user of 'ci-deploy'", str(cli.refusal("x", answer, True, "ci-deploy")))

    def test_placeholders_are_filled(self):
        self.assertIn("hpc-ssh-cert keys add /home/m/.ssh/k.pub",
                      str(cli.refusal("x", {"error": "key_not_registered"}, False, "c", pub="/home/m/.ssh/k.pub")))
        self.assertIn("Keycloak does not know client 'ci-x'", str(cli.refusal("x", {"error": "invalid_client"}, True, "ci-x")))

    def test_every_hint_formats(self):
        for error, hint in cli.HINTS.items():
            for variant in (hint if isinstance(hint, tuple) else (hint,)):
                self.assertTrue(variant.format(client="c", pub="p"), error)

    def test_an_unknown_error(self):
        failure = cli.refusal("x", {}, False, "c")
        self.assertIn("(unknown_error)", str(failure))
        self.assertIn("show this message to IT support", str(failure))

    def test_main_prints_a_failure_to_stderr_and_returns_its_code(self):
        err = io.StringIO()
        with mock.patch.object(cli, "load", side_effect=cli.Failure("Error: nope", cli.EXIT_LOGIN)), \
                mock.patch.dict(os.environ, {}, clear=False), contextlib.redirect_stderr(err):
            os.environ.pop("HPC_SSH_CERT_CLIENT_SECRET", None)
            self.assertEqual(cli.EXIT_LOGIN, cli.main(["--server", "https://id.example.org"]))
        self.assertEqual("Error: nope\n", err.getvalue())

    def test_an_unreachable_server_is_exit_4(self):
        with mock.patch("urllib.request.urlopen", side_effect=OSError("connection refused")):
            with self.assertRaises(cli.Failure) as failure:
                cli.post_form("https://id.example.org/realms/hpc/protocol/openid-connect/token", {"a": "b"})
        self.assertEqual(cli.EXIT_UNREACHABLE, failure.exception.code)
        self.assertIn("cannot reach https://id.example.org/realms/hpc/protocol/openid-connect/token", str(failure.exception))


class LocalFiles(unittest.TestCase):

    def setUp(self) -> None:
        self.directory = tempfile.TemporaryDirectory()
        self.dir = Path(self.directory.name)

    def tearDown(self) -> None:
        self.directory.cleanup()

    def read_secret(self, mode: int) -> str:
        path = self.dir / "secret"
        path.write_text("s3cret\n")
        path.chmod(mode)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual("s3cret", cli.read_secret(str(path)))
        return err.getvalue()

    def test_a_secret_file_of_mode_0600_is_read_silently(self):
        self.assertEqual("", self.read_secret(0o600))

    def test_a_secret_file_others_can_read_is_named_without_its_content(self):
        warning = self.read_secret(0o644)
        self.assertIn("can be read by other users: chmod 600", warning)
        self.assertNotIn("s3cret", warning)

    @unittest.skipUnless(shutil.which("ssh-keygen") or os.environ.get("CI") == "true", "needs ssh-keygen")
    def test_a_missing_key_is_created_readable_by_its_owner_only(self):
        key = self.dir / "sub" / "id_ed25519"
        with contextlib.redirect_stdout(io.StringIO()):
            public = cli.ensure_key(key)
        self.assertTrue(public.startswith("ssh-ed25519 "))
        self.assertEqual(0o600, stat.S_IMODE(key.stat().st_mode))
        self.assertEqual(public, cli.ensure_key(key))  # the second time: the same key, untouched

    def test_a_key_without_its_pub_is_a_local_failure(self):
        key = self.dir / "id"
        key.write_text("private\n")
        with self.assertRaises(cli.Failure) as failure:
            cli.ensure_key(key)
        self.assertEqual(cli.EXIT_LOCAL, failure.exception.code)
        self.assertIn("id.pub is missing", str(failure.exception))


if __name__ == "__main__":
    unittest.main()
