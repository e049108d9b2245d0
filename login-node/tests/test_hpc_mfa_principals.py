"""login-node/hpc-mfa-principals: the policy file, the evidence rules and what sshd reads, on ssh-keygen certificates.

Run: python3 -m unittest discover -s login-node/tests   (also run by the Maven build, PythonToolsIT)
The same command under a real sshd: integration-tests CertificateEvidenceIT.
"""
import base64
import importlib.machinery
import importlib.util
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "hpc-mfa-principals"
loader = importlib.machinery.SourceFileLoader("hpc_mfa_principals", str(SCRIPT))
helper = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
loader.exec_module(helper)

NOW = 1_800_000_000


@unittest.skipUnless(shutil.which("ssh-keygen"), "needs OpenSSH's ssh-keygen")
class PrincipalsPolicy(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp())
        for name in ("ca", "key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(cls.dir / name)], check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, True)

    def cert(self, extensions):
        """A certificate from ssh-keygen -O extension:name=value (the encoding Keycloak's CA uses too)."""
        options = []
        for name, value in extensions.items():
            options += ["-O", "extension:%s=%s" % (name, value)]
        subprocess.run(["ssh-keygen", "-q", "-s", str(self.dir / "ca"), "-I", "kc:alice:7", "-z", "7", "-n", "alice",
                        *options, str(self.dir / "key.pub")], check=True)
        return (self.dir / "key-cert.pub").read_text().split()[:2]

    def policy(self, text, account="alice", host="login1"):
        path = self.dir / "policy.conf"
        path.write_text(text)
        return helper.read_policy(str(path), account, host)

    def evidence(self, factors="password,totp", age=60):
        return self.cert({helper.FACTORS: factors, helper.AUTH_TIME: str(NOW - age)})

    def test_parses_the_extensions_as_written(self):
        cert = helper.parse_certificate(base64.b64decode(self.evidence()[1]))
        self.assertEqual("password,totp", cert["extensions"][helper.FACTORS])
        self.assertEqual(str(NOW - 60), cert["extensions"][helper.AUTH_TIME])
        self.assertEqual(7, cert["serial"])
        self.assertEqual(["alice"], cert["principals"])

    def test_fresh_evidence_is_admitted_with_the_account_as_principal(self):
        cert_type, blob = self.evidence()
        self.assertEqual(["alice"], helper.answer("alice", cert_type, blob, self.policy(""), "login1", NOW))

    def test_old_evidence_gets_the_forced_message_with_the_command_to_run(self):
        cert_type, blob = self.evidence(age=13 * 3600)
        lines = helper.answer("alice", cert_type, blob, self.policy(""), "login1", NOW)
        self.assertEqual(1, len(lines))
        self.assertTrue(lines[0].startswith('restrict,command="'), lines[0])
        self.assertTrue(lines[0].endswith('" alice'), lines[0])
        self.assertIn("proven 13h ago; this host requires one within 12h. Run: hpc-ssh-cert", lines[0])

    def test_no_evidence_and_unlisted_factors_are_refused(self):
        for cert, why in ((self.cert({}), "carries no MFA evidence"),
                          (self.evidence(factors="password,email-code"), "requires one of: push, totp, webauthn")):
            lines = helper.answer("alice", cert[0], cert[1], self.policy("factors = push totp webauthn\n"),
                                  "login1", NOW)
            self.assertIn(why, lines[0])

    def test_deny_prints_nothing(self):
        cert_type, blob = self.cert({})
        self.assertEqual([], helper.answer("alice", cert_type, blob, self.policy("on_refusal = deny\n"), "h", NOW))

    def test_sections_account_over_host_over_default(self):
        text = ("max_age = 12h\n[host gpu*]\nmax_age = 1h\nfactors = webauthn\n[account alice bob]\nmax_age = 8h\n"
                "[account svc-*]\nmfa = none\n")
        self.assertEqual(("8h", "webauthn"), tuple(self.policy(text, "alice", "gpu3")[k] for k in ("max_age", "factors")))
        self.assertEqual(("1h", "webauthn"), tuple(self.policy(text, "carol", "gpu3")[k] for k in ("max_age", "factors")))
        self.assertEqual("12h", self.policy(text, "carol", "login1")["max_age"])
        cert_type, blob = self.cert({})
        self.assertEqual(["svc-backup"], helper.answer("svc-backup", cert_type, blob, self.policy(text, "svc-backup"),
                                                       "login1", NOW))

    def test_the_message_cannot_break_out_of_the_forced_command(self):
        cert_type, blob = self.evidence(age=13 * 3600)
        policy = self.policy("help = hpc-ssh-cert\"; rm -rf ~ ; echo '\\\n")
        line = helper.answer("alice", cert_type, blob, policy, "login1", NOW)[0]
        command = line[len('restrict,command="'):line.rindex('" alice')]
        self.assertNotIn('"', command.replace('\\"', ""))
        self.assertEqual(4, command.count("'"), command)  # the printf format and the message, nothing more

    def test_the_shipped_example_parses_and_prints_the_packs_version(self):
        policy = helper.read_policy(str(SCRIPT.parent / "principals-policy.conf.example"), "alice", "gpu-1")
        self.assertEqual(("12h", "message", "required"), (policy["max_age"], policy["on_refusal"], policy["mfa"]))
        run = subprocess.run(["python3", str(SCRIPT), "--version"], capture_output=True, text=True)
        self.assertEqual("hpc-mfa-principals %s\n" % helper.VERSION, run.stdout)

    def test_a_broken_configuration_fails_closed(self):
        path = self.dir / "broken.conf"
        path.write_text("max_age = soon\n")
        cert_type, blob = self.evidence()
        run = subprocess.run(["python3", str(SCRIPT), "--config", str(path), "alice", cert_type, blob],
                             capture_output=True, text=True)
        self.assertEqual(1, run.returncode)
        self.assertEqual("", run.stdout)
        self.assertIn("max_age", run.stderr)


if __name__ == "__main__":
    unittest.main()
