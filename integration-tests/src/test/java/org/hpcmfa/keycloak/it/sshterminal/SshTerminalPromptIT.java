package org.hpcmfa.keycloak.it.sshterminal;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.ROOT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PAM_BUILD;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Mila's SSH journey without a browser: a real sshd accepts the key, then pam_hpc_mfa shows one prompt; the
 * user types a TOTP or email code, or approves on the phone (the privacyIDEA app simulator) and presses Enter.
 */
@Needs({ROOT, PAM_BUILD, OPENSSH_CLIENT, OPENSSH_SERVER})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SshTerminalPromptIT {

    private static final Pattern NUMBER = Pattern.compile("choose (\\d\\d) ");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @TempDir
    Path dir;

    PamSshd sshd;

    @BeforeEach
    void startSshd() throws Exception {
        sshd = PamSshd.start(dir, realm.getBaseUrl(), "ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
    }

    @AfterEach
    void stopSshd() throws Exception {
        sshd.close();
    }

    @Test
    void keyAndTotpTypedAtThePromptLogsIn() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-totp", "example.org", false, true);
        TerminalSsh ssh = connect(user);
        String prompt = ssh.prompt();
        assertTrue(prompt.endsWith("Enter your code: "), prompt);
        ssh.answer(TestUsers.totpNow());
        TerminalSsh.Result result = ssh.result();
        assertTrue(result.loggedInAs(user), result.output() + sshd.log());
        assertTrue(PushAdmin.events(realm.admin(), TestUsers.id(realm.admin(), user), "LOGIN").stream()
                .anyMatch(e -> "ssh-terminal".equals(e.getDetails().get("auth_method"))
                        && "otp".equals(e.getDetails().get("credential_type"))), "a LOGIN event for the terminal");
    }

    @Test
    void keyAndEmailCodeLogsIn() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-mail", "example.org", true);
        TerminalSsh ssh = connect(user);
        String prompt = ssh.prompt();
        assertTrue(prompt.contains("A code was sent by email to t***@example.org."), prompt);
        ssh.answer(Mails.code(mailTo(user)));
        TerminalSsh.Result result = ssh.result();
        assertTrue(result.loggedInAs(user), result.output() + sshd.log());
    }

    @Test
    void keyAndPushApprovedThenEmptyEnterLogsIn() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-push", "example.org", false);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user);
        TerminalSsh ssh = connect(user);
        String prompt = ssh.prompt();
        assertTrue(prompt.contains("A login request was sent to your phone: choose "), prompt);
        // The push enrolment came with recovery codes, so a code may be typed instead of the approval.
        assertTrue(prompt.endsWith("Enter your code, or approve on your phone and press Enter: "), prompt);
        Matcher number = NUMBER.matcher(prompt);
        assertTrue(number.find(), prompt);
        List<JsonNode> requests = phone.poll();
        assertEquals(1, requests.size());
        PrivacyIdeaApp.Reply approved = phone.approve(requests.get(0), number.group(1));
        assertTrue(approved.value(), prompt + " / " + requests.get(0) + " / " + approved.body());
        ssh.answer("");
        TerminalSsh.Result result = ssh.result();
        assertTrue(result.loggedInAs(user), result.output() + sshd.log());
    }

    @Test
    void codeToPhoneTheCodeTheAppShowsIsTypedAtThePrompt() throws Exception {
        PushAdmin.configure(realm.admin(), "ssh-terminal-factors", java.util.Map.of("approval-mode", "code-to-phone"));
        try {
            String user = TestUsers.create(realm.admin(), "tp-c2p", "example.org", false);
            PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user);
            TerminalSsh ssh = connect(user);
            String prompt = ssh.prompt();
            assertTrue(prompt.contains("A login request was sent to your phone: accept it, then type the 2-digit "
                    + "code the app shows."), prompt);
            assertTrue(prompt.endsWith("Enter your code: "), prompt);
            String code = PrivacyIdeaApp.displayCode(phone.approve(phone.poll().get(0), null));
            ssh.answer(code);
            TerminalSsh.Result result = ssh.result();
            assertTrue(result.loggedInAs(user), result.output() + sshd.log());
        } finally {
            PushAdmin.configure(realm.admin(), "ssh-terminal-factors", java.util.Map.of());
        }
    }

    @Test
    void anEmptyEnterWithoutApprovalIsRefused() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-nopush", "example.org", false);
        PushEnrolment.enrol(realm, user);
        TerminalSsh ssh = connect(user);
        ssh.prompt();
        ssh.answer("");
        TerminalSsh.Result result = ssh.result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("Your phone has not approved this login."), result.output());
        assertEquals(0, PushAdmin.bruteForceFailures(realm.admin(), TestUsers.id(realm.admin(), user)),
                "pressing Enter too early is not a guess");
    }

    @Test
    void aWrongCodeIsRefusedAndCounted() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-wrong", "example.org", false, true);
        String userId = TestUsers.id(realm.admin(), user);
        TerminalSsh ssh = connect(user);
        ssh.prompt();
        ssh.answer(wrongCode());
        TerminalSsh.Result result = ssh.result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("Wrong or expired code. Login refused."), result.output());
        for (int i = 0; i < 50 && PushAdmin.bruteForceFailures(realm.admin(), userId) == 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), userId), "counted by the brute-force detector");
        assertTrue(PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR").stream()
                .anyMatch(e -> "invalid_user_credentials".equals(e.getError())), "a LOGIN_ERROR event");
    }

    @Test
    void aUserWithoutSecondFactorIsRefused() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-none", "example.org", false);
        TerminalSsh.Result result = connect(user).result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("your account has no second factor for SSH"), result.output());
    }

    @Test
    void whenKeycloakCannotBeReachedTheLoginIsRefusedWithTheMessage() throws Exception {
        String user = TestUsers.create(realm.admin(), "tp-down", "example.org", false, true);
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PamSshd.configure(dir, "http://127.0.0.1:" + closed + "/realms/" + realm.getName(), "ssh-gateway");
        TerminalSsh.Result result = connect(user).result();
        assertFalse(result.loggedInAs(user), result.output());
        assertTrue(result.output().contains("The MFA service cannot be reached. Login refused"), result.output());
    }

    private TerminalSsh connect(String user) throws Exception {
        Path key = dir.resolve(user + "-id");
        PamSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        sshd.account(user, Files.readString(Path.of(key + ".pub")).trim());
        return TerminalSsh.connect(sshd, dir.resolve(user + "-terminal"), user, key);
    }

    private MimeMessage mailTo(String user) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().startsWith(user + "@")) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + user);
    }

    /** A six-digit code that is none of the codes Keycloak would accept now. */
    private static String wrongCode() {
        List<String> valid = List.of(TestUsers.totp(TestUsers.TOTP_SECRET, -1), TestUsers.totpNow(),
                TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }
}
