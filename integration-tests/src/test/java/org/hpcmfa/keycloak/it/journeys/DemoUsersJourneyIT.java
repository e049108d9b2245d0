package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.browser.PageShots;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.registrationtoken.TokenAdminApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as the README tells a newcomer to try it, with the demo realm's own people (imported from
 * demo/mfa-demo-realm.json, not made through the admin API): dana opens the MFA portal with the registration token
 * the demo mailed her, enrols TOTP from the key the page shows and keeps her recovery codes; alice signs in to the
 * research app with her password and a mailed code; bob to the cloud portal with his password. Each lands on the
 * page that says who is signed in, and the Account Console (the portal) shows their name and factors, never
 * "Something went wrong". Dana's pages are checked on a 360 px phone in the demo's own login theme.
 */
@Needs(CHROMIUM)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DemoUsersJourneyIT {

    private static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");
    /** The demo realm's people and their passwords, as demo/mfa-demo-realm.json imports them. */
    private static final Map<String, String> DEMO_PASSWORDS = Map.of("alice", "alice-demo-pw", "bob", "bob-demo-pw");
    private static final String LANDING = "/hpc-signed-in";

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    private Chromium chromium;

    /**
     * Other tests may have used the demo's people in this realm: each starts as imported (password only, no second
     * factor, no session, no lockout). Their accounts themselves, with their roles, stay as the import made them.
     */
    @BeforeEach
    void demoPeopleAsImported() {
        for (String username : List.of("alice", "bob", "dana")) {
            String id = TestUsers.id(realm.admin(), username);
            UserResource user = realm.admin().users().get(id);
            user.logout();
            for (CredentialRepresentation credential : user.credentials()) {
                if (!"password".equals(credential.getType())) {
                    user.removeCredential(credential.getId());
                }
            }
            UserRepresentation rep = user.toRepresentation();
            rep.setRequiredActions(List.of());
            rep.setEnabled(true);
            user.update(rep);
            if (DEMO_PASSWORDS.containsKey(username)) {
                CredentialRepresentation password = new CredentialRepresentation();
                password.setType(CredentialRepresentation.PASSWORD);
                password.setValue(DEMO_PASSWORDS.get(username));
                password.setTemporary(false);
                user.resetPassword(password);
            }
            realm.admin().attackDetection().clearBruteForceForUser(id);
        }
        mail.runCleanup();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void danaEnrolsTotpWithTheMailedTokenOnHerPhoneAndThePortalShowsHerAndHerFactors() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.MOBILE, "en");
        String token = registrationTokenTheDemoMailsToDana();

        // "Open the MFA portal, sign in as dana with the token in the password field."
        chromium.driver().get(realm.getBaseUrl() + "/account");
        chromium.waitFor(By.id("username"));
        phonePage("portal login");
        assertEquals("Sign in to the MFA portal", text(By.id("kc-page-title")));
        assertEquals("Registration token, authenticator code or recovery code",
                text(By.cssSelector("label[for=password]")), "the secret field says what goes there");
        chromium.driver().findElement(By.id("username")).sendKeys("dana");
        chromium.driver().findElement(By.id("password")).sendKeys(token);
        submit(By.id("kc-login"));

        // The choice of a permanent factor; it names the apps the TOTP page names next.
        chromium.waitFor(By.id("kc-enrol-choose-form"));
        phonePage("enrolment choice");
        String totpChoice = text(By.id("factor-CONFIGURE_TOTP"));
        assertFalse(chromium.driver().findElements(By.cssSelector("#factor-CONFIGURE_TOTP .hpc-enrol-icon i")).isEmpty(),
                "the choice shows an icon like Keycloak's own list");
        assertEquals("pointer", chromium.driver().findElement(By.id("factor-CONFIGURE_TOTP")).getCssValue("cursor"));
        submit(By.id("factor-CONFIGURE_TOTP"));

        // "Enrol TOTP with any authenticator app": she cannot scan, so she types the key the page shows.
        chromium.waitFor(By.id("kc-totp-secret-qr-code"));
        phonePage("TOTP set-up");
        List<String> apps = chromium.driver().findElements(By.cssSelector("#kc-totp-supported-apps li")).stream()
                .map(WebElement::getText).map(String::trim).toList();
        assertFalse(apps.isEmpty());
        for (String app : apps) {
            assertTrue(totpChoice.contains(app), "the choice page named " + app + ": " + totpChoice);
        }
        chromium.driver().findElement(By.id("mode-manual")).click();
        chromium.waitFor(By.id("kc-totp-secret-key"));
        AuthenticatorApp phone = AuthenticatorApp.fromTypedKey(text(By.id("kc-totp-secret-key")));
        chromium.driver().findElement(By.id("totp")).sendKeys(phone.freshCode());
        chromium.driver().findElement(By.id("userLabel")).sendKeys("Dana's phone");
        submit(By.id("saveTOTPBtn"));

        // "Keep the recovery codes."
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        phonePage("recovery codes");
        assertEquals(12, chromium.driver().findElements(By.cssSelector("#kc-recovery-codes-list li")).size());
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        submit(By.id("saveRecoveryAuthnCodesBtn"));
        chromium.waitFor(By.id("kc-enrol-finish"));
        phonePage("enrolment done");
        submit(By.id("kc-enrol-finish"));

        // The portal itself: her name, then her factors under "Signing in".
        assertPortalShows("Dana Nguyen", "Dana's phone");

        // Later portal logins take the code from her app; the token is spent.
        chromium.driver().manage().deleteAllCookies();
        chromium.driver().get(realm.getBaseUrl() + "/account");
        chromium.waitFor(By.id("username"));
        chromium.driver().findElement(By.id("username")).sendKeys("dana");
        chromium.driver().findElement(By.id("password")).sendKeys(phone.freshCode());
        submit(By.id("kc-login"));
        assertPortalShows("Dana Nguyen", "Dana's phone");
    }

    @Test
    void aliceSignsInToTheResearchAppWithHerPasswordAndAMailedCodeAndLandsOnThePageThatNamesHer() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), "research-app", realm.getBaseUrl() + LANDING);
        chromium.driver().get(login.authorizationUrl(Map.of()));
        chromium.waitFor(By.id("username"));
        assertEquals("Sign in to Research web application", text(By.id("kc-page-title")));
        assertEquals("Password", text(By.cssSelector("label[for=password]")));
        chromium.driver().findElement(By.id("username")).sendKeys("alice");
        chromium.driver().findElement(By.id("password")).sendKeys("alice-demo-pw");
        submit(By.id("kc-login"));

        chromium.waitFor(By.id("emailCode"));
        chromium.driver().findElement(By.id("emailCode")).sendKeys(Mails.code(mailTo("alice@example.org")));
        submit(By.id("kc-login"));

        chromium.waitFor(By.id("signed-in-user"));
        assertTrue(chromium.driver().getCurrentUrl().startsWith(realm.getBaseUrl() + LANDING + "?"),
                chromium.driver().getCurrentUrl());
        assertEquals("Signed in as Alice Tremblay (alice).", text(By.id("signed-in-user")));
        assertTrue(text(By.id("signed-in-factors")).contains("Login codes by email to alice@example.org"),
                text(By.id("signed-in-factors")));
        JsonNode tokens = login.redeem(chromium.driver().getCurrentUrl());
        assertTrue(tokens.has("access_token"), "the application redeems its code as usual: " + tokens);

        // The portal, in the same browser: single sign-on, her name, no error.
        assertPortalShows("Alice Tremblay", null);
    }

    @Test
    void bobSignsInToTheCloudPortalWithHisPasswordAndThePortalShowsHisName() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), "cloud-portal", realm.getBaseUrl() + LANDING);
        chromium.driver().get(login.authorizationUrl(Map.of()));
        chromium.waitFor(By.id("username"));
        assertEquals("Sign in to University private cloud portal", text(By.id("kc-page-title")));
        chromium.driver().findElement(By.id("username")).sendKeys("bob");
        chromium.driver().findElement(By.id("password")).sendKeys("bob-demo-pw");
        submit(By.id("kc-login"));

        chromium.waitFor(By.id("signed-in-user"));
        assertEquals("Signed in as Bob Peeters (bob).", text(By.id("signed-in-user")));
        assertTrue(chromium.driver().findElements(By.cssSelector("#signed-in-factors [data-type=otp]")).isEmpty());
        assertTrue(text(By.id("signed-in-no-factor")).contains("no permanent second factor"));
        assertPortalShows("Bob Peeters", null);

        // Signing out from the page ends the session: the page then says nobody is signed in.
        chromium.driver().get(realm.getBaseUrl() + LANDING);
        chromium.waitFor(By.id("signed-in-sign-out"));
        chromium.driver().findElement(By.id("signed-in-sign-out")).click();
        chromium.waitFor(By.id("kc-logout"));
        submit(By.id("kc-logout"));
        chromium.driver().get(realm.getBaseUrl() + LANDING);
        chromium.waitFor(By.id("signed-out"));
    }

    /** As the demo does at start (demo/DemoSidecar.java): tokens for the newcomers group, mailed; dana's mail. */
    private String registrationTokenTheDemoMailsToDana() throws Exception {
        String newcomers = realm.admin().groups().groups("newcomers", 0, 10).get(0).getId();
        TokenAdminApi.Reply report = new TokenAdminApi("http://localhost:8080", realm.getName())
                .issueForGroup(admin.tokenManager().getAccessTokenString(), newcomers);
        assertEquals(200, report.status(), String.valueOf(report.body()));
        assertTrue(report.body().get("issued").toString().contains("\"dana\""), report.body().toString());
        String text = Mails.text(mailTo("dana@example.org"));
        Matcher token = TOKEN.matcher(text);
        assertTrue(token.find(), text);
        assertTrue(text.contains(realm.getBaseUrl() + "/account"), "the mail says where to go: " + text);
        return token.group(1);
    }

    /** The Account Console renders the person's name, and under "Signing in" the factor labelled {@code factor}. */
    private void assertPortalShows(String name, String factor) {
        chromium.driver().get(realm.getBaseUrl() + "/account/");
        waitLong("the Account Console showing " + name, () -> bodyText().contains(name));
        assertFalse(bodyText().contains("Something went wrong"), bodyText());
        if (factor != null) {
            chromium.driver().get(realm.getBaseUrl() + "/account/account-security/signing-in");
            waitLong("the factor " + factor + " under Signing in", () -> bodyText().contains(factor));
            assertFalse(bodyText().contains("Something went wrong"), bodyText());
            assertTrue(bodyText().contains("Recovery"), "the recovery codes are listed: " + bodyText());
        }
    }

    private MimeMessage mailTo(String address) throws Exception {
        waitLong("a mail to " + address, () -> find(address) != null);
        return find(address);
    }

    private MimeMessage find(String address) {
        try {
            MimeMessage found = null;
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    found = message;
                }
            }
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void phonePage(String page) {
        PageShots.assertUsableOnPhone(chromium, "demo " + page);
    }

    private void submit(By button) {
        WebElement element = chromium.driver().findElement(button);
        element.click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(
                d -> d.findElements(button).isEmpty() || LoginDriver.isGone(element));
    }


    private String text(By by) {
        return chromium.driver().findElement(by).getText().trim();
    }

    /**
     * The page's text and its fields' values (on a phone the Account Console folds the name out of its header; its
     * "Personal info" form holds it), read in one step: the Account Console redirects and redraws while it starts.
     */
    private String bodyText() {
        Object text = chromium.driver().executeScript("return document.body ? document.body.innerText + '\\n'"
                + " + [...document.querySelectorAll('input')].map(i => i.value).join(' ') : '';");
        return text == null ? "" : text.toString();
    }

    /** The Account Console is a JavaScript application: on a busy machine its first page takes a while. */
    private void waitLong(String what, Supplier<Boolean> condition) {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(60)).withMessage(() -> what + "; page: "
                + chromium.driver().getCurrentUrl() + "\n" + bodyText()).until(d -> condition.get());
    }
}
