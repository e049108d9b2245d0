"""Unit tests of hpc-mfa-terminal's configuration rules: the secret stays in its own file, the realm is https.

Run: python3 -m unittest discover -s login-node/tests   (also run by the Maven build, PythonToolsTest)
"""
import contextlib
import http.server
import importlib.machinery
import importlib.util
import io
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import syslog
import tempfile
import threading
import time
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "hpc-mfa-terminal"
AGENT_ADD = Path(__file__).resolve().parent.parent / "hpc-mfa-agent-add"


def load_helper():
    loader = importlib.machinery.SourceFileLoader("hpc_mfa_terminal", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


helper = load_helper()
agent = helper.hpc_mfa_agent
HAVE_OPENSSH = all(shutil.which(tool) for tool in ("ssh-keygen", "ssh-agent", "ssh-add"))
ME = pwd.getpwuid(os.getuid()).pw_name


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

    def test_the_agent_certificate_is_off_unless_asked_for_and_a_typo_is_refused(self):
        base = ("url = https://mfa.example.org/realms/hpc", "client_id = ssh-gateway",
                f"client_secret_file = {self.secret}")
        self.assertIsNone(helper.read_config(self.config(*base))["agent"])
        settings = helper.read_config(self.config(*base, "agent_certificate = yes"))["agent"]
        self.assertEqual(agent.AgentSettings("/run/hpc-mfa/agent", False), settings)
        for bad in ("agent_certificate = maybe", "agent_confirm = sure", "agent_spool = run/hpc-mfa"):
            with self.assertRaises(ValueError, msg=bad):
                helper.read_config(self.config(*base, "agent_certificate = yes", bad))


class SpoolFixture(unittest.TestCase):
    """A temporary spool and a local CA signing what /finish would answer."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.dir = Path(self.directory.name)
        self.dir.chmod(0o755)
        self.spool = self.dir / "spool"
        self.settings = agent.AgentSettings(str(self.spool), False)
        self.logged = []
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-ca", "-f", str(self.dir / "ca")],
                       check=True)

    def tearDown(self):
        self.directory.cleanup()

    def log(self, priority, text):
        self.logged.append((priority, text))

    def certificate_for(self, key, seconds=3600):
        """What /finish answers: the CA's certificate for the key's public half, and its end in epoch seconds."""
        public = self.dir / "certified.pub"
        public.write_text(key.public_key + "\n")
        subprocess.run(["ssh-keygen", "-q", "-s", str(self.dir / "ca"), "-I", "hpc:alice:7:ssh-gateway",
                        "-n", ME, "-V", f"-1m:+{seconds}s", str(public)], check=True)
        line = (self.dir / "certified-cert.pub").read_text().strip()
        listed = subprocess.run(["ssh-keygen", "-L", "-f", str(self.dir / "certified-cert.pub")],
                                capture_output=True, text=True, check=True).stdout
        self.assertIn("Valid: from", listed)
        return {"result": "ok", "certificate": line, "serial": 7, "valid_before": int(time.time()) + seconds}

    def user_dir(self):
        return self.spool / str(os.getuid())



@unittest.skipUnless(HAVE_OPENSSH, "needs ssh-keygen, ssh-agent and ssh-add (openssh-client)")
class AgentCertificate(SpoolFixture):
    """The certificate into the forwarded agent: the spool (as the root helper writes it) and the session hook."""

    def test_a_successful_answer_is_spooled_for_the_user_only(self):
        with agent.new_key(self.settings, ME, self.log) as key:
            left = agent.spool_for_agent(self.settings, ME, key, self.certificate_for(key))
            self.assertTrue(3590 <= left <= 3600, left)
            self.assertEqual(key.private_key, (self.user_dir() / "key").read_bytes())
        self.assertEqual(0o711, stat.S_IMODE(self.spool.stat().st_mode))
        self.assertEqual(0o700, stat.S_IMODE(self.user_dir().stat().st_mode))
        for name in ("key", "key-cert.pub", "agent"):
            info = (self.user_dir() / name).lstat()
            self.assertTrue(stat.S_ISREG(info.st_mode), name)
            self.assertEqual((0o600, os.getuid()), (stat.S_IMODE(info.st_mode), info.st_uid), name)
        self.assertRegex((self.user_dir() / "agent").read_text(), r"^valid_before=\d+\nconfirm=no\n$")
        self.assertEqual([], sorted(p.name for p in self.user_dir().iterdir() if p.name.startswith(".")),
                         "no temporary file left")
        self.assertFalse(Path(key.dir).exists(), "the root-only key directory is removed")

    def test_the_modes_hold_under_a_strict_umask(self):
        previous = os.umask(0o077)
        try:
            with agent.new_key(self.settings, ME, self.log) as key:
                agent.spool_for_agent(self.settings, ME, key, self.certificate_for(key))
        finally:
            os.umask(previous)
        self.assertEqual(0o711, stat.S_IMODE(self.spool.stat().st_mode), "the users can reach their directory")

    def test_a_symlink_planted_in_the_spool_is_replaced_never_followed(self):
        victim = self.dir / "victim"
        victim.write_text("precious\n")
        self.user_dir().mkdir(parents=True)
        for name in ("key", "key-cert.pub", "agent"):
            (self.user_dir() / name).symlink_to(victim)
        with agent.new_key(self.settings, ME, self.log) as key:
            agent.spool_for_agent(self.settings, ME, key, self.certificate_for(key))
        self.assertEqual("precious\n", victim.read_text())
        self.assertFalse((self.user_dir() / "key").is_symlink())

    def test_a_spool_others_can_write_to_or_a_symlinked_one_is_refused(self):
        self.spool.mkdir(mode=0o777)
        self.spool.chmod(0o777)
        with agent.new_key(self.settings, ME, self.log) as key:
            agent.after_login(self.settings, ME, key, self.certificate_for(key), self.log)
        self.assertFalse(self.user_dir().exists())
        self.assertIn("PermissionError", self.logged[-1][1])
        self.spool.rmdir()
        elsewhere = self.dir / "elsewhere"
        elsewhere.mkdir(mode=0o711)
        self.spool.symlink_to(elsewhere)
        with agent.new_key(self.settings, ME, self.log) as key:
            agent.after_login(self.settings, ME, key, self.certificate_for(key), self.log)
        self.assertEqual([], list(elsewhere.iterdir()))
        self.assertEqual(syslog.LOG_ERR, self.logged[-1][0])

    def test_no_certificate_a_refusal_or_someone_elses_certificate_spools_nothing(self):
        with agent.new_key(self.settings, ME, self.log) as key, agent.new_key(self.settings, ME, self.log) as other:
            agent.after_login(self.settings, ME, key, {"result": "ok", "certificate_error": {
                "error": "client_not_allowed", "error_description": "..."}}, self.log)
            self.assertIn("client_not_allowed", self.logged[-1][1])
            agent.after_login(self.settings, ME, key, self.certificate_for(other), self.log)
            self.assertIn("no usable certificate", self.logged[-1][1])
            expired = self.certificate_for(key)
            expired["valid_before"] = int(time.time()) - 1
            self.assertIsNone(agent.spool_for_agent(self.settings, ME, key, expired))
            agent.after_login(None, ME, key, self.certificate_for(key), self.log)
        self.assertFalse(self.spool.exists())

    def start_agent(self):
        socket = self.dir / "agent.sock"
        process = subprocess.Popen(["ssh-agent", "-d", "-a", str(socket)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        self.addCleanup(process.wait, 10)
        self.addCleanup(process.send_signal, signal.SIGTERM)
        for _ in range(100):
            if socket.exists():
                return process, str(socket)
            time.sleep(0.05)
        self.fail("ssh-agent did not start")

    def session(self, env):
        return subprocess.run(["sh", str(AGENT_ADD), str(self.spool)], env=env, capture_output=True, text=True,
                              timeout=30)

    def test_the_session_hook_adds_the_certificate_for_its_lifetime_and_deletes_the_spool(self):
        with agent.new_key(self.settings, ME, self.log) as key:
            answer = self.certificate_for(key, seconds=1800)
            agent.spool_for_agent(self.settings, ME, key, answer)
        process, socket = self.start_agent()
        env = {"PATH": os.environ["PATH"], "SSH_AUTH_SOCK": socket}
        hook = self.session(env)
        self.assertEqual(("", ""), (hook.stdout, hook.stderr), "nothing on stdout: for sftp it is the protocol")
        listed = subprocess.run(["ssh-add", "-L"], env=env, capture_output=True, text=True).stdout
        self.assertIn(answer["certificate"].split()[1], listed)
        self.assertEqual([], list(self.user_dir().iterdir()), "the spool is deleted")
        process.send_signal(signal.SIGTERM)
        debug = process.communicate(timeout=10)[1]
        lives = [int(line.split("(life: ")[1].split(")")[0]) for line in debug.splitlines() if "(life: " in line]
        self.assertTrue(lives and all(1790 <= life <= 1800 for life in lives), debug)

    def test_without_an_agent_the_session_hook_only_deletes_the_spool(self):
        with agent.new_key(self.settings, ME, self.log) as key:
            agent.spool_for_agent(self.settings, ME, key, self.certificate_for(key))
        hook = self.session({"PATH": os.environ["PATH"]})
        self.assertEqual(("", "", 0), (hook.stdout, hook.stderr, hook.returncode))
        self.assertEqual([], list(self.user_dir().iterdir()))
        self.assertEqual(0, self.session({"PATH": os.environ["PATH"]}).returncode, "nothing spooled: nothing to do")

    def fake_ssh_add(self, refuses):
        """An ssh-add that records its arguments and fails when one of `refuses` is among them, like an agent that
        refuses constraints (the Windows OpenSSH agent refuses -t and -c)."""
        bin_dir = self.dir / "bin"
        bin_dir.mkdir(exist_ok=True)
        fake = bin_dir / "ssh-add"
        fake.write_text("#!/bin/sh\n"
                        f"echo \"$*\" >> '{self.dir / 'calls'}'\n"
                        "for a in \"$@\"; do case \"$a\" in " + "|".join(refuses) + ") exit 1;; esac; done\n"
                        "exit 0\n")
        fake.chmod(0o755)
        return {"PATH": f"{bin_dir}:{os.environ['PATH']}", "SSH_AUTH_SOCK": str(self.dir / "agent.sock")}

    def test_an_agent_that_refuses_lifetimes_gets_the_certificate_without_one_and_the_user_is_told(self):
        with agent.new_key(self.settings, ME, self.log) as key:
            agent.spool_for_agent(self.settings, ME, key, self.certificate_for(key))
        hook = self.session(self.fake_ssh_add(["-t"]))
        calls = (self.dir / "calls").read_text().splitlines()
        self.assertTrue(calls[0].startswith("-C -q -t "), calls)
        self.assertEqual(f"-C -q {self.user_dir() / 'key'}", calls[-1], calls)
        self.assertIn("refused a lifetime", hook.stderr)
        self.assertEqual("", hook.stdout)
        self.assertEqual([], list(self.user_dir().iterdir()))

    def test_a_confirmation_the_administrator_asked_for_is_never_dropped(self):
        settings = agent.AgentSettings(str(self.spool), True)
        with agent.new_key(settings, ME, self.log) as key:
            agent.spool_for_agent(settings, ME, key, self.certificate_for(key))
        hook = self.session(self.fake_ssh_add(["-c"]))
        calls = (self.dir / "calls").read_text().splitlines()
        self.assertTrue(all(" -c " in f" {call} " for call in calls), calls)
        self.assertIn("did not take the login certificate", hook.stderr)
        self.assertEqual([], list(self.user_dir().iterdir()), "deleted all the same")


class FakeRealm(http.server.BaseHTTPRequestHandler):
    """Keycloak's token and ssh-terminal endpoints as the helper sees them; finish signs a sent public key."""
    finishes = []
    sign = None
    notice = None

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path.endswith("/protocol/openid-connect/token"):
            answer = {"access_token": "gateway-token"}
        elif self.path.endswith("/ssh-terminal/start"):
            answer = {"handle": "h1", "prompt": "Enter your code: "}
        else:
            request = json.loads(body)
            FakeRealm.finishes.append(request)
            answer = {"result": "ok", "message": "Welcome."}
            if FakeRealm.notice:
                answer["notice"] = FakeRealm.notice
            if "public_key" in request:
                answer.update(FakeRealm.sign(request["public_key"]))
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@unittest.skipUnless(HAVE_OPENSSH, "needs ssh-keygen (openssh-client)")
class HelperWithAgentCertificate(SpoolFixture):
    """hpc-mfa-terminal end to end against a fake realm: the key goes with the answer, the spool is there at OK."""

    def setUp(self):
        super().setUp()
        FakeRealm.finishes = []
        FakeRealm.notice = None
        FakeRealm.sign = lambda public: self.certificate_for(type("Key", (), {"public_key": public}))
        self.server = http.server.HTTPServer(("127.0.0.1", 0), FakeRealm)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        (self.dir / "secret").write_text("s3cret\n")
        (self.dir / "secret").chmod(0o600)

    def run_helper(self, *extra, script=SCRIPT):
        config = self.dir / "terminal.conf"
        config.write_text("\n".join([f"url = http://127.0.0.1:{self.server.server_port}/realms/hpc",
                                     "client_id = ssh-gateway", f"client_secret_file = {self.dir / 'secret'}",
                                     *extra, ""]))
        return subprocess.run([sys.executable, str(script), "--config", str(config), ME, "192.0.2.1"],
                              input="123456\n", capture_output=True, text=True, timeout=60)

    def test_the_helper_sends_a_fresh_public_key_and_spools_its_certificate_before_ok(self):
        result = self.run_helper("agent_certificate = yes", f"agent_spool = {self.spool}")
        self.assertEqual((0, "PROMPT Enter your code: \nOK Welcome.\n"), (result.returncode, result.stdout))
        sent = FakeRealm.finishes[-1]["public_key"]
        self.assertTrue(sent.startswith("ssh-ed25519 "), sent)
        spooled = (self.user_dir() / "key-cert.pub").read_text()
        self.assertTrue(agent.certifies(spooled, sent), "the spooled certificate is for the key that was sent")
        self.assertTrue((self.user_dir() / "agent").exists())
        self.assertEqual([], [p for p in Path(tempfile.gettempdir()).glob("hpc-mfa-agent-*")
                              if p.stat().st_uid == os.getuid() and p.stat().st_mtime > time.time() - 30],
                         "the key pair's temporary directory is gone")

    def test_a_helper_installed_without_its_agent_module_still_lets_people_in(self):
        # An admin who copies hpc-mfa-terminal alone must not lock everyone out: the certificate is what is lost.
        alone = self.dir / "alone"
        alone.mkdir()
        shutil.copy(SCRIPT, alone / "hpc-mfa-terminal")
        for extra in ((), ("agent_certificate = yes", f"agent_spool = {self.spool}")):
            result = self.run_helper(*extra, script=alone / "hpc-mfa-terminal")
            self.assertEqual((0, "PROMPT Enter your code: \nOK Welcome.\n"), (result.returncode, result.stdout))
            self.assertNotIn("public_key", FakeRealm.finishes[-1])
        self.assertFalse(self.spool.exists())

    def test_keycloaks_notice_comes_as_info_lines_before_ok(self):
        # The module shows INFO lines that follow the last prompt after the login (few recovery codes left).
        FakeRealm.notice = "You have 2 recovery codes left.\nGet a new set: mfa recovery-codes --regenerate"
        result = self.run_helper()
        self.assertEqual((0, "PROMPT Enter your code: \nINFO You have 2 recovery codes left.\n"
                             "INFO Get a new set: mfa recovery-codes --regenerate\nOK Welcome.\n"),
                         (result.returncode, result.stdout))

    def test_without_the_setting_no_key_is_sent_and_nothing_spooled(self):
        result = self.run_helper()
        self.assertEqual(0, result.returncode, result.stdout)
        self.assertNotIn("public_key", FakeRealm.finishes[-1])
        self.assertFalse(self.spool.exists())


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

    def test_fingerprint_of_a_plain_key(self):
        key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
        # ssh-keygen -lf agrees (the same key as the integration tests' DeviceLogin.DEFAULT_KEY)
        self.assertRegex(helper.key_fingerprint(key), r"^SHA256:[A-Za-z0-9+/]{43}$")
        self.assertIsNone(helper.key_fingerprint("ssh-ed25519-cert-v01@openssh.com AAAA"))
        self.assertIsNone(helper.key_fingerprint(None))
        self.assertIsNone(helper.key_fingerprint("ssh-ed25519 not*base64"))


    def test_fingerprint_of_a_certificate_is_its_key(self):
        # A certificate the PAM module did not let through (another CA): the link names the key it certifies.
        plain = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ov"
        certificate = ("ssh-ed25519-cert-v01@openssh.com "
            "AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIOvRc63e+lpEeRWxQ8ooHQ3sY8aL3PJinpUFQkKUq2tj"
            "AAAAINyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ovAAAAAAAAAAAAAAABAAAAD21mYS1kZW1vOm1pbGE6MQAAAAgA"
            "AAAEbWlsYQAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmcAAAAAAAAAF3Blcm1pdC1h"
            "Z2VudC1mb3J3YXJkaW5nAAAAAAAAABZwZXJtaXQtcG9ydC1mb3J3YXJkaW5nAAAAAAAAAApwZXJtaXQtcHR5AAAAAAAAAA5w"
            "ZXJtaXQtdXNlci1yYwAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDCPFC82zN4saw518Vaa3OdQwXNA+bokOLyk5zO"
            "7Ru1hwAAAFMAAAALc3NoLWVkMjU1MTkAAABAiYr+9+E2OCAGDeSRbtnEidDxfW5IVhgQ7IFfaUiBFltdEZIGx6gQLT0ONIiW"
            "O98Gki5NPHH9hF9UfoLjeXBFDQ==")
        self.assertEqual(helper.key_fingerprint(plain), helper.key_fingerprint(certificate))
        self.assertIsNone(helper.key_fingerprint("ssh-rsa-cert-v01@openssh.com " + certificate.split()[1]))
        self.assertIsNone(helper.key_fingerprint(certificate[:120]))

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

    def test_with_agent_certificate_the_key_goes_with_the_token_and_is_spooled_before_ok(self):
        spooled, closed = [], []

        class Key:
            public_key = "ssh-ed25519 AAAAephemeral"

            def close(self):
                closed.append(True)

        class Agent:  # stands in for hpc_mfa_agent: what the device mode hands it, and when
            @staticmethod
            def new_key(settings, user, log):
                return Key()

            @staticmethod
            def after_login(settings, user, key, answer, log):
                spooled.append((user, answer["certificate"]))

        keycloak = FakeKeycloak([(200, {"access_token": "t0ken"})],
                                finish=(200, {"result": "ok", "message": "Accepted.", "certificate": "CERT"}))
        saved = helper.hpc_mfa_agent
        helper.hpc_mfa_agent = Agent
        CONFIG["agent"] = object()
        try:
            code, lines = self.run_device(keycloak)
        finally:
            helper.hpc_mfa_agent = saved
            del CONFIG["agent"]
        self.assertEqual((0, "OK Accepted."), (code, lines[-1]))
        self.assertEqual("ssh-ed25519 AAAAephemeral", dict(keycloak.calls)["device/finish"]["public_key"])
        self.assertEqual([("mila", "CERT")], spooled)
        self.assertEqual([True], closed, "the ephemeral key's directory is removed")

    def test_without_a_token_no_key_is_made(self):
        keycloak = FakeKeycloak([(400, {"error": "access_denied"})],
                                finish=(401, {"error": "device_denied", "message": "Cancelled."}))
        code, lines = self.run_device(keycloak)
        self.assertNotIn("public_key", dict(keycloak.calls)["device/finish"])

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


if __name__ == "__main__":
    unittest.main()
