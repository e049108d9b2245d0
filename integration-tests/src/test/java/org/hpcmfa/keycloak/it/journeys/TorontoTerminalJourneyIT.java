package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.sms.FakeSmsGateway;
import org.hpcmfa.keycloak.it.sms.SmsAdmin;
import org.hpcmfa.keycloak.it.sshterminal.PromptQr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * The University of Toronto journey (seed 004) in the terminal, with {@code client/mfa} under a pseudo-terminal
 * against the real Keycloak and GreenMail: {@code mk AUTHENTICATOR} (QR code and key, the code computed from the
 * printed key, 8 recovery codes saved 0600), {@code verify} with a recovery code out of order, {@code rm} with the
 * mailed token pasted back (refused for another person and once used), {@code mk EMAIL}, {@code mk SMS --phone}
 * against a local fake gateway, and {@code get-token}; the
 * browser sees the factors the terminal set up, and --json serves scripts. Sign-in: password and code at the
 * terminal (the demo's client mfa-cli); the device sign-in is hpc-ssh-cert's, tested by the sshcert tests.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
@Needs(PYTHON3)
class TorontoTerminalJourneyIT extends BrowserJourney {

    /** The demo's client of the mfa command: device grant, and username, password and TOTP code at the terminal. */
    static final String CLI = "mfa-cli";
    static final String CLOUD = "cloud-portal";
    static final Pattern TOKEN = Pattern.compile("\\b([A-Z0-9]{4}(?:-[A-Z0-9]{4}){2,})\\b");

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path home;

    @Override
    ManagedRealm realm() {
        return realm;
    }

    MfaTerminal mfa(String user, String... args) throws Exception {
        MfaTerminal terminal = MfaTerminal.start(home, realm.getName(), CLI, user, args);
        terminal.answer("Password: ", TestUsers.PASSWORD);
        return terminal;
    }

    @Test
    void authenticatorWithRecoveryCodesVerifiedThenRemovedWithTheMailedToken() throws Exception {
        String user = TestUsers.create(realm.admin(), "uoft", "utoronto.ca", true);
        AuthenticatorApp app;
        List<String> codes;
        String saved;
        try (MfaTerminal mk = mfa(user, "mk", "AUTHENTICATOR")) {
            mk.answer("(press Enter if you have none yet): ", "");
            mk.answer("Do you have a phone to scan a QR Code to generate TOTP codes? [y/N]: ", "y");
            String qr = mk.answer("Would you like to display the security key? [y/N]: ", "y");
            AuthenticatorApp scanned = AuthenticatorApp.fromUri(PromptQr.decode(qr));
            assertTrue(scanned.label().contains(user), "the QR code names the account: " + scanned.label());
            String key = mk.waitFor("Enter the 6-digit Code to verify enrolment was successful: ")
                    .replaceAll("(?s).*unable to scan the QR Code:\n([A-Z2-7 ]+)\n.*", "$1");
            app = AuthenticatorApp.fromTypedKey(key);
            Instant now = Instant.now();
            assertEquals(scanned.codeAt(now), app.codeAt(now), "the QR code and the printed key are the same key");
            mk.type(app.freshCode());
            String shown = mk.answer("Would you like to save the codes into a text file? [y/N]: ", "y");
            codes = Arrays.stream(shown.replaceAll("(?s).*two-factor authentication codes\\.\n", "").split("\n"))
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("Would")).toList();
            assertEquals(8, codes.size(), shown);
            saved = mk.waitFor("with recovery codes.").replaceAll("(?s).*Written (\\S+) with recovery codes\\.", "$1");
            assertEquals(0, mk.exitCode(), mk.shown());
        }
        Path file = home.resolve(saved);
        assertTrue(saved.startsWith(user + "_") && saved.endsWith("_recovery_codes.txt"), saved);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).lines().toList().containsAll(codes), Files.readString(file));

        // The browser sees the factor the terminal set up: the cloud portal asks for its code after the password.
        browser.open(CLOUD, Map.of()).usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.isPresent(By.id("otp")), browser.pageSource());

        // mfa verify with the sixth recovery code: any code, in any order, once.
        try (MfaTerminal verify = mfa(user, "verify")) {
            verify.answer("(press Enter if you have none yet): ", app.freshCode());
            verify.answer("Enter a code of your second factor", codes.get(5));
            assertTrue(verify.waitFor("left.").contains("is now used up. You have 7 "), verify.shown());
            assertEquals(0, verify.exitCode(), verify.shown());
        }

        // mfa rm: the token mailed, valid 15 minutes, pasted back. Another person cannot use it.
        mail.runCleanup();
        try (MfaTerminal rm = mfa(user, "rm")) {
            rm.answer("(press Enter if you have none yet): ", app.freshCode());
            String request = rm.waitFor("Please, paste the token to continue: ");
            assertTrue(request.contains("valid for 15 minutes"), request);
            assertTrue(mail.waitForIncomingEmail(10_000, 1), "no confirmation email");
            Matcher token = TOKEN.matcher(Mails.text(mail.getLastReceivedMessage()));
            assertTrue(token.find(), Mails.text(mail.getLastReceivedMessage()));

            String other = TestUsers.create(realm.admin(), "uoft-other", "utoronto.ca", true);
            MfaScript intruder = MfaScript.run(home, realm.getName(), CLI, other, TestUsers.PASSWORD + "\n\n"
                    + token.group(1) + "\n", "--json", "rm", "--confirm");
            assertEquals(6, intruder.exitCode(), intruder.toString());
            assertTrue(intruder.stderr().contains("(invalid_token)"), intruder.toString());

            rm.type(token.group(1));
            assertTrue(rm.waitFor("type : info").contains("Two-factor login has been disabled"), rm.shown());
            assertEquals(0, rm.exitCode(), rm.shown());

            MfaScript again = MfaScript.run(home, realm.getName(), CLI, user, TestUsers.PASSWORD + "\n\n"
                    + token.group(1) + "\n", "--json", "rm", "--confirm");
            assertEquals(6, again.exitCode(), "a used token: " + again);
        }

        // From now on the password alone, in the browser as at the terminal.
        browser.open(CLOUD, Map.of()).usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.loggedIn(), browser.pageSource());
        MfaScript status = MfaScript.run(home, realm.getName(), CLI, user, TestUsers.PASSWORD + "\n\n", "--json", "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("\"factors\": []"), status.toString());
    }

    @Test
    void emailCodesSetUpAndRequestedFromTheTerminal() throws Exception {
        String user = TestUsers.create(realm.admin(), "uoft-mail", "utoronto.ca", true);
        mail.runCleanup();
        long mailed;
        try (MfaTerminal mk = mfa(user, "mk", "EMAIL")) {
            mk.answer("(press Enter if you have none yet): ", "");
            assertTrue(mk.waitFor("Enter the code to verify enrolment was successful: ").contains("A code was sent to"),
                    mk.shown());
            assertTrue(mail.waitForIncomingEmail(10_000, 1), "no code mailed");
            mk.type(Mails.code(mail.getLastReceivedMessage()));
            mailed = System.currentTimeMillis();
            mk.answer("Would you like to save the codes into a text file? [y/N]: ", "n");
            assertEquals(0, mk.exitCode(), mk.shown());
            assertTrue(mk.shown().contains("Enrolment verified: Email codes is now a second factor of " + user), mk.shown());
        }

        MfaScript status = MfaScript.run(home, realm.getName(), CLI, user, TestUsers.PASSWORD + "\n\n", "--json", "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("\"method\": \"EMAIL\""), status.toString());
        assertFalse(status.stdout().contains("Password"), "prompts go to stderr with --json");

        // A person asks for the next code once the resend cooldown (30 s) after the set-up's code has passed.
        Thread.sleep(Math.max(0, mailed + 31_000 - System.currentTimeMillis()));
        mail.runCleanup();
        try (MfaTerminal get = mfa(user, "get-token")) {
            get.answer("(press Enter if you have none yet): ", "");
            get.waitFor("Enter it to verify it now, or press Enter to stop: ");
            assertTrue(mail.waitForIncomingEmail(10_000, 1), "no code mailed");
            get.type(Mails.code(mail.getLastReceivedMessage()));
            assertTrue(get.waitFor("is valid.").contains("Verified"), get.shown());
            assertEquals(0, get.exitCode(), get.shown());
        }
    }

    @Test
    void smsCodesSetUpFromTheTerminalProveThePhoneThroughTheGateway() throws Exception {
        try (FakeSmsGateway gateway = FakeSmsGateway.start()) {
            SmsAdmin.writeVaultSecret(realm.getName());
            SmsAdmin.configure(realm.admin(), gateway, Map.of());
            String user = TestUsers.create(realm.admin(), "uoft-sms", "utoronto.ca", true);
            String phone = SmsAdmin.newPhone();
            try (MfaTerminal mk = mfa(user, "mk", "SMS", "--phone", phone)) {
                mk.answer("(press Enter if you have none yet): ", "");
                String shown = mk.waitFor("Enter the code to verify enrolment was successful: ");
                assertTrue(shown.contains("A code was sent to"), shown);
                assertEquals(1, gateway.to(phone).size(), "one text to the number given with --phone");
                assertTrue(phoneCredentials(user).isEmpty(), "the phone is stored before it is proven");
                String code = gateway.lastCodeTo(phone);
                mk.type(code.equals("000000") ? "111111" : "000000");
                mk.waitFor("That was not accepted: check it and try again.");
                mk.type(code);
                mk.answer("Would you like to save the codes into a text file? [y/N]: ", "n");
                assertEquals(0, mk.exitCode(), mk.shown());
                assertTrue(mk.shown().contains("Enrolment verified: SMS codes is now a second factor of " + user),
                        mk.shown());
            }
            // The browser and the admin console see the same factor the terminal set up.
            assertEquals(1, phoneCredentials(user).size());
        }
    }

    private List<org.keycloak.representations.idm.CredentialRepresentation> phoneCredentials(String user) {
        return realm.admin().users().get(TestUsers.id(realm.admin(), user)).credentials().stream()
                .filter(c -> "hpc-sms".equals(c.getType())).toList();
    }
}
