"""hpc-ssh-cert's agent hygiene and file writes against a real ssh-agent and real ssh-keygen certificates.

Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsIT)
"""
import os
import shutil
import stat
import subprocess
import tempfile
import time
import unittest
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

from test_hpc_ssh_cert import sshcert as cli


def keygen(*args):
    subprocess.run(["ssh-keygen", "-q", *args], check=True, capture_output=True)


@unittest.skipUnless(shutil.which("ssh-agent") and shutil.which("ssh-keygen"), "needs OpenSSH's ssh-agent")
class AgentHygiene(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir, True)
        sock = self.dir / "agent.sock"
        self.agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
        self.addCleanup(self.agent.wait)
        self.addCleanup(self.agent.kill)
        for _ in range(100):
            if sock.exists():
                break
            time.sleep(0.05)
        self.saved = os.environ.get("SSH_AUTH_SOCK")
        os.environ["SSH_AUTH_SOCK"] = str(sock)
        self.addCleanup(self.restore)
        for ca in ("realm-ca", "other-realm-ca"):
            keygen("-t", "ed25519", "-N", "", "-f", str(self.dir / ca))
        self.key = self.dir / "id_ed25519"
        with redirect_stdout(StringIO()):
            cli.ensure_key(self.key)

    def restore(self):
        if self.saved is None:
            os.environ.pop("SSH_AUTH_SOCK", None)
        else:
            os.environ["SSH_AUTH_SOCK"] = self.saved

    def renew(self, ca, serial):
        """What load does after sign: the new certificate written atomically, then loaded into the agent."""
        signed = self.dir / ("signed-%d" % serial)
        shutil.copy(str(self.key) + ".pub", str(signed) + ".pub")
        keygen("-s", str(self.dir / ca), "-I", "id-%d" % serial, "-z", str(serial), "-n", "alice", "-V", "-1m:+1h",
               str(signed) + ".pub")
        cert_file = Path(str(self.key) + "-cert.pub")
        cli.write_atomically(cert_file, Path(str(signed) + "-cert.pub").read_text(), 0o644)
        with redirect_stdout(StringIO()):
            cli.load_into_agent(self.key, cert_file, time.time() + 3600)

    def agent_certificate_serials(self):
        serials = []
        for line in cli.agent_certificates():
            listed = self.dir / "listed-cert.pub"
            listed.write_text(line + "\n")
            shown = subprocess.run(["ssh-keygen", "-L", "-f", str(listed)], capture_output=True, text=True).stdout
            serials.append(int(shown.split("Serial: ")[1].split()[0]))
        return serials

    def test_ten_renewals_leave_exactly_one_certificate_the_newest(self):
        for serial in range(1, 11):
            self.renew("realm-ca", serial)
        self.assertEqual([10], self.agent_certificate_serials())
        keys = subprocess.run(["ssh-add", "-l"], capture_output=True, text=True).stdout.splitlines()
        self.assertEqual(2, len(keys), keys)  # the key itself and its one certificate

    def test_a_certificate_of_another_realm_for_the_same_key_stays(self):
        self.renew("other-realm-ca", 100)
        for serial in range(1, 4):
            self.renew("realm-ca", serial)
        self.assertEqual([3, 100], sorted(self.agent_certificate_serials()))

    def test_files_are_replaced_whole_and_private_keys_are_0600(self):
        self.renew("realm-ca", 1)
        self.assertEqual(0o600, stat.S_IMODE(os.stat(self.key).st_mode))
        self.assertEqual(0o644, stat.S_IMODE(os.stat(str(self.key) + "-cert.pub").st_mode))
        leftovers = [p.name for p in self.dir.iterdir() if p.name.startswith(".")]
        self.assertEqual([], leftovers, "temporary files left behind")


if __name__ == "__main__":
    unittest.main()
