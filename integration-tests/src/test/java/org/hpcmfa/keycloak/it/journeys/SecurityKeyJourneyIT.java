package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.browser.VirtualAuthenticator;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.registrationtoken.TokenAdminApi;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

/**
 * Security keys and passkeys (issue 17, item 5) with the demo realm's people, in Chromium with a virtual FIDO2
 * authenticator (DevTools WebAuthn domain): dana chooses a security key in the forced enrolment and signs in to the
 * portal with username and key; alice signs in to the research app with password and key, and her device login
 * brings an SSH certificate; bob, once the realm enables passkeys, signs in with a passkey instead of his password.
 * The attacker's side: the password (or the username) without the key, another key, a key the admin removed, and a
 * passkey alone for a certificate.
 */
@Needs(CHROMIUM)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class SecurityKeyJourneyIT extends DemoPeopleJourney {

    private static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");
    private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";
    private static final By USE_KEY = By.id("authenticateWebAuthnButton");

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @Override
    ManagedRealm realm() {
        return realm;
    }

    @Override
    MailServer mail() {
        return mail;
    }

    @Test
    void danaChoosesASecurityKeyInTheForcedEnrolmentAndSignsInToThePortalWithIt() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        VirtualAuthenticator yubiKey = VirtualAuthenticator.plugInto(chromium);
        String token = registrationTokenTheDemoMailsToDana();

        portalLogin(chromium, "dana", token);
        chromium.waitFor(By.id("kc-enrol-choose-form"));
        assertEquals("Security key", text(By.cssSelector("#factor-webauthn-register .hpc-enrol-title")),
                "Mila's \"Hardware token (coming soon)\" is offered");
        submit(By.id("factor-webauthn-register"));
        registerKey("YubiKey 5");
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        submit(By.id("saveRecoveryAuthnCodesBtn"));
        chromium.waitFor(By.id("kc-enrol-finish"));
        submit(By.id("kc-enrol-finish"));
        assertPortalShows("Dana");
        String dana = TestUsers.id(realm.admin(), "dana");
        assertTrue(types(dana).containsAll(List.of("webauthn", "recovery-authn-codes")), types(dana).toString());
        assertEquals(1, yubiKey.credentialCount());
        assertTrue(signingIn("webauthn").contains("YubiKey 5"), "the Account Console lists her key by its name");

        // The next day: username, the secret field left empty, the key.
        realm.admin().users().get(dana).logout();
        portalLogin(chromium, "dana", "");
        chromium.waitFor(USE_KEY);
        submit(USE_KEY);
        assertPortalShows("Dana");

        // Someone who knows her username but holds another key: refused, and the portal stays closed.
        try (Chromium attacker = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            VirtualAuthenticator.plugInto(attacker);
            portalLogin(attacker, "dana", "");
            attacker.waitFor(USE_KEY);
            attacker.driver().findElement(USE_KEY).click();
            attacker.waitUntil("the key is refused", () -> attacker.driver().findElements(USE_KEY).isEmpty());
            assertTrue(attacker.driver().getCurrentUrl().contains("/login-actions/"), attacker.driver().getCurrentUrl());
            assertFalse(attacker.driver().getPageSource().contains("Dana Nguyen"), "the portal opened for another key");
        }

        // The admin removes her key (lost): the key she still holds no longer opens anything.
        realm.admin().users().get(dana).logout();
        removeCredentials(dana, "webauthn");
        portalLogin(chromium, "dana", "");
        assertFalse(shows(USE_KEY), "a removed key is still asked for");
        assertTrue(chromium.driver().getPageSource().contains("Invalid username or password."),
                chromium.driver().getPageSource());
    }

    @Test
    void aliceUsesPasswordAndKeyInTheAppAndHerDeviceLoginBringsACertificate() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        VirtualAuthenticator key = VirtualAuthenticator.plugInto(chromium);
        LoginDriver login = registerAtTheApp("alice", "webauthn-register", "Alice's key");

        // Password, then the key.
        login.open().usernamePassword("alice", DEMO_PASSWORDS.get("alice"));
        toTheKeyPage(chromium, login);
        login.submit(chromium.driver().findElement(USE_KEY));
        chromium.waitUntil("in the research app with password and key", login::loggedIn);

        // The password alone does not pass: another browser, no key.
        try (Chromium attacker = Chromium.start(Chromium.Viewport.DESKTOP, "en")) {
            VirtualAuthenticator.plugInto(attacker); // a key of their own, unknown to Keycloak
            LoginDriver stolenPassword = new LoginDriver(attacker.managed(), realm);
            stolenPassword.open().usernamePassword("alice", DEMO_PASSWORDS.get("alice"));
            toTheKeyPage(attacker, stolenPassword);
            attacker.driver().findElement(USE_KEY).click();
            attacker.waitUntil("the key step fails", () -> attacker.driver().findElements(USE_KEY).isEmpty()
                    || attacker.driver().getPageSource().contains("kc-error-credential-form"));
            assertFalse(stolenPassword.loggedIn(), "the password alone passed");
        }

        // The SSH device login: password and key give a certificate for the key shown at login.
        DeviceLogin ssh = new DeviceLogin(realm.getBaseUrl());
        JsonNode started = ssh.start("ssh-cli", null, SSH_KEY);
        DeviceLogin.openInBrowser(login, started.get("verification_uri_complete").asText(), "alice",
                DEMO_PASSWORDS.get("alice"));
        chromium.waitFor(USE_KEY);
        login.submit(chromium.driver().findElement(USE_KEY));
        Journey.finishDeviceLogin(chromium, login);
        String accessToken = ssh.poll("ssh-cli", null, started.get("device_code").asText());
        DeviceLogin.Reply signed = ssh.sign(accessToken, "{\"public_key\":\"" + SSH_KEY + "\"}");
        assertEquals(200, signed.status(), signed.body().toString());
        assertEquals("alice", signed.body().get("principals").get(0).asText());

        // The admin removes the key: the app no longer asks for it; her mailed code is what is left.
        removeCredentials(TestUsers.id(realm.admin(), "alice"), "webauthn");
        login.open().usernamePassword("alice", DEMO_PASSWORDS.get("alice"));
        assertFalse(login.isPresent(USE_KEY), "a removed key is still asked for");
        assertTrue(login.onEmailCodePage(), login.pageSource());
        assertEquals(1, key.credentialCount(), "she still holds the key; Keycloak no longer takes it");
    }

    @Test
    void bobSignsInWithAPasskeyWhereTheRealmEnablesPasskeysButAPasskeyAloneGetsNoCertificate() throws Exception {
        RealmRepresentation before = realm.admin().toRepresentation();
        passkeys(true, "required");
        emailVerified("bob", false); // no mailed codes for him: the passkey will be his only factor
        try {
            chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
            VirtualAuthenticator.plugInto(chromium);
            LoginDriver login = registerAtTheApp("bob", "webauthn-register-passwordless", "Bob's phone");
            assertTrue(types(TestUsers.id(realm.admin(), "bob")).contains("webauthn-passwordless"));

            // The login page offers the passkey; no password is typed, and the app (whose second factor is
            // conditional) lets him in.
            login.open();
            usePasskeyOnThisPage();
            chromium.waitUntil("in the research app with the passkey", login::loggedIn);

            // The device login asks a second factor after the passkey, which bob does not have: no certificate.
            DeviceLogin ssh = new DeviceLogin(realm.getBaseUrl());
            JsonNode started = ssh.start("ssh-cli", null, SSH_KEY);
            chromium.driver().manage().deleteAllCookies();
            chromium.driver().get(started.get("verification_uri_complete").asText());
            if (shows(By.id("device-user-code"))) {
                submit(By.id("kc-login"));
            }
            chromium.waitFor(By.id("username"));
            usePasskeyOnThisPage();
            chromium.waitUntil("the device login stops after the passkey",
                    () -> chromium.driver().findElements(By.id("username")).isEmpty());
            assertFalse(chromium.driver().getPageSource().contains("Device Login Successful"),
                    "a passkey alone completed the SSH device login");
        } finally {
            emailVerified("bob", true);
            passkeys(before.getWebAuthnPolicyPasswordlessPasskeysEnabled(),
                    before.getWebAuthnPolicyPasswordlessUserVerificationRequirement());
        }
    }

    private void emailVerified(String username, boolean verified) {
        UserResource user = realm.admin().users().get(TestUsers.id(realm.admin(), username));
        UserRepresentation rep = user.toRepresentation();
        rep.setEmailVerified(verified);
        user.update(rep);
    }

    /** Realm settings → Authentication → Policies → Webauthn Passwordless Policy: "Enable Passkeys", user verification. */
    private void passkeys(Boolean enabled, String userVerification) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setWebAuthnPolicyPasswordlessPasskeysEnabled(enabled);
        rep.setWebAuthnPolicyPasswordlessUserVerificationRequirement(userVerification);
        realm.admin().update(rep);
    }

    /**
     * After the password: the key's page. Alice also gets mailed codes, which the research app may offer first;
     * "Try another way" lists the key (Keycloak 26.5 calls both kinds of WebAuthn credential "Passkey").
     */
    private static void toTheKeyPage(Chromium browser, LoginDriver login) {
        browser.waitUntil("a second-factor page", () -> login.isPresent(USE_KEY) || login.onEmailCodePage());
        if (!login.isPresent(USE_KEY)) {
            login.tryAnotherWay("Passkey");
        }
        browser.waitFor(USE_KEY);
    }

    /** The portal's form in a new session: username, and the secret field (a token, a code, or empty for the key). */
    private void portalLogin(Chromium browser, String username, String secret) {
        browser.driver().manage().deleteAllCookies();
        browser.driver().get(realm.getBaseUrl() + "/account");
        browser.waitFor(By.id("username"));
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(secret);
        new LoginDriver(browser.managed(), realm).submit(browser.driver().findElement(By.id("kc-login")));
    }

    /** Keycloak's WebAuthn registration page: "Register", the key answers, the browser asks for a name. */
    private void registerKey(String name) {
        chromium.waitFor(By.id("registerWebAuthn"));
        chromium.driver().findElement(By.id("registerWebAuthn")).click();
        chromium.waitUntil("the browser asks for the key's name", () -> {
            try {
                chromium.driver().switchTo().alert();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException notYet) {
                return false;
            }
        });
        var prompt = chromium.driver().switchTo().alert();
        prompt.sendKeys(name);
        prompt.accept();
        chromium.waitUntil("the key is registered", () -> chromium.driver().findElements(By.id("registerWebAuthn")).isEmpty());
    }

    /**
     * The passkey on a login page of a realm with passkeys enabled: Chromium also offers it in the username field's
     * autofill, which nobody picks here; the page's "Sign in with Passkey" asks the authenticator directly.
     */
    private void usePasskeyOnThisPage() {
        chromium.waitFor(USE_KEY);
        new LoginDriver(chromium.managed(), realm).submit(chromium.driver().findElement(USE_KEY));
    }

    /**
     * The admin asks {@code username} to register a key ({@code action}: a security key or a passkey); the person
     * signs in to the research app with the password and registers it on the way.
     */
    private LoginDriver registerAtTheApp(String username, String action, String name) throws Exception {
        UserResource user = realm.admin().users().get(TestUsers.id(realm.admin(), username));
        UserRepresentation rep = user.toRepresentation();
        rep.setRequiredActions(List.of(action));
        user.update(rep);
        LoginDriver login = new LoginDriver(chromium.managed(), realm);
        login.open().usernamePassword(username, DEMO_PASSWORDS.get(username));
        if (login.onEmailCodePage()) {
            login.emailCode(Mails.code(mailTo(username + "@example.org"))); // her factor before the key: a mailed code
        }
        registerKey(name);
        // The new recovery codes follow the enrolment (authenticator-recovery-codes), kept as a person keeps them.
        chromium.waitUntil("the recovery codes or the research app",
                () -> login.loggedIn() || login.isPresent(By.id("kc-recovery-codes-list")));
        assertFalse(login.keepRecoveryCodesIfShown().isEmpty(), "no recovery codes after the key's enrolment");
        chromium.waitUntil("back in the research app", login::loggedIn);
        // These journeys are about the key: the admin takes the recovery codes away again, so that the factors
        // left are the ones each journey names (her mailed code; nothing beside his passkey).
        removeCredentials(TestUsers.id(realm.admin(), username), org.hpcmfa.keycloak.common.CredentialTypes.RECOVERY_CODES);
        return login;
    }

    private void removeCredentials(String userId, String type) {
        UserResource user = realm.admin().users().get(userId);
        for (CredentialRepresentation credential : user.credentials()) {
            if (type.equals(credential.getType())) {
                user.removeCredential(credential.getId());
            }
        }
    }

    private String registrationTokenTheDemoMailsToDana() throws Exception {
        String newcomers = realm.admin().groups().groups("newcomers", 0, 10).get(0).getId();
        TokenAdminApi.Reply report = new TokenAdminApi("http://localhost:8080", realm.getName())
                .issueForGroup(admin.tokenManager().getAccessTokenString(), newcomers);
        assertEquals(200, report.status(), String.valueOf(report.body()));
        Matcher token = TOKEN.matcher(Mails.text(mailTo("dana@example.org")));
        assertTrue(token.find(), "no token in the mail");
        return token.group(1);
    }
}
