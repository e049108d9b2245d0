package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.registrationtoken.TokenAdminApi;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo as the README tells a newcomer to try it, with the demo realm's own people (imported from
 * demo/mfa-demo-realm.json, not made through the admin API): dana opens the MFA portal with the registration token
 * the demo mailed her, enrols TOTP from the key the page shows and keeps her recovery codes; alice signs in to the
 * research app with her password and a mailed code, and to CISM JupyterLab on its one page; bob to the cloud portal
 * with his password, and later turns on TOTP there and off again with "Disable MFA". Each lands on the page that
 * says who is signed in, and the Account Console (the portal) shows their name and factors, never "Something went
 * wrong". Dana's pages are checked on a 360 px phone in the demo's own login theme. Each test starts from the people
 * as imported ({@link DemoPeopleJourney}), so bob's disabled MFA or dana's enrolment never reach another test.
 */
@Needs(CHROMIUM)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DemoUsersJourneyIT extends DemoPeopleJourney {

    private static final Pattern TOKEN = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b");

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
        assertEquals(8, chromium.driver().findElements(By.cssSelector("#kc-recovery-codes-list li")).size());
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        submit(By.id("saveRecoveryAuthnCodesBtn"));
        chromium.waitFor(By.id("kc-enrol-finish"));
        phonePage("enrolment done");
        submit(By.id("kc-enrol-finish"));

        // The portal itself: her name, then her factors under "Signing in".
        assertPortalShows("Dana Nguyen");
        assertDanasFactorsUnderSigningIn();

        // The page the demo's applications land on, on her phone: her name and her factors.
        chromium.driver().get(realm.getBaseUrl() + LANDING);
        chromium.waitFor(By.id("signed-in-user"));
        phonePage("signed-in landing page");
        assertEquals("Signed in as Dana Nguyen (dana).", text(By.id("signed-in-user")));
        assertTrue(text(By.id("signed-in-factors")).contains("Authenticator app (TOTP): Dana's phone"),
                text(By.id("signed-in-factors")));

        // Later portal logins take the code from her app; the token is spent.
        chromium.driver().manage().deleteAllCookies();
        chromium.driver().get(realm.getBaseUrl() + "/account");
        chromium.waitFor(By.id("username"));
        chromium.driver().findElement(By.id("username")).sendKeys("dana");
        chromium.driver().findElement(By.id("password")).sendKeys(phone.freshCode());
        submit(By.id("kc-login"));
        assertPortalShows("Dana Nguyen");
        assertDanasFactorsUnderSigningIn();
    }

    private void assertDanasFactorsUnderSigningIn() {
        assertTrue(signingIn("otp").contains("Dana's phone"), signingIn("otp"));
        assertFalse(signingIn("recovery-authn-codes").contains("not set up"), "her recovery codes are listed: "
                + signingIn("recovery-authn-codes"));
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

        // The portal, in the same browser: single sign-on, her name, and under "Signing in" her second factor:
        // email codes, set up by her verified address alone (nothing stored, nothing to remove there), no app.
        assertPortalShows("Alice Tremblay");
        String emailCodes = signingIn("hpc-email-otp");
        assertFalse(emailCodes.isBlank() || emailCodes.contains("not set up"), "email codes listed as set up: "
                + emailCodes + "\n" + bodyText());
        assertTrue(bodyText().contains("Email code"), bodyText());
        assertTrue(signingIn("otp").contains("not set up"), "no authenticator app: " + signingIn("otp"));
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
        assertPortalShows("Bob Peeters");

        // Signing out from the page ends the session: the page then says nobody is signed in.
        chromium.driver().get(realm.getBaseUrl() + LANDING);
        chromium.waitFor(By.id("signed-in-sign-out"));
        chromium.driver().findElement(By.id("signed-in-sign-out")).click();
        chromium.waitFor(By.id("kc-logout"));
        submit(By.id("kc-logout"));
        chromium.driver().get(realm.getBaseUrl() + LANDING);
        chromium.waitFor(By.id("signed-out"));
    }

    @Test
    void aliceSignsInToCismJupyterLabOnOnePageLeavingTheOptionalOtpEmpty() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), "cism-jupyterlab", realm.getBaseUrl() + LANDING);
        chromium.driver().get(login.authorizationUrl(Map.of()));
        chromium.waitFor(By.id("otp"));

        // "Username, password and OTP (optional) on one page": she has no authenticator app, so she leaves it empty.
        assertEquals("Sign in to CISM JupyterLab", text(By.id("kc-page-title")));
        assertEquals("OTP (optional)", text(By.cssSelector("label[for=otp]")));
        assertTrue(shows(By.id("username")) && shows(By.id("password")), "all three fields on the one page");
        chromium.driver().findElement(By.id("username")).sendKeys("alice");
        chromium.driver().findElement(By.id("password")).sendKeys(DEMO_PASSWORDS.get("alice"));
        submit(By.id("kc-login"));

        chromium.waitFor(By.id("signed-in-user"));
        assertEquals("Signed in as Alice Tremblay (alice).", text(By.id("signed-in-user")));
        assertTrue(login.redeem(chromium.driver().getCurrentUrl()).has("access_token"));
        assertEquals(0, mail.getReceivedMessages().length, "the one-page login mails her no code");
    }

    @Test
    void bobTurnsOnTotpInTheCloudPortalThenDisablesItWithTheMailedLink() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        // "IT support turns on the set-up for your account" (the user guide's private cloud).
        String bob = TestUsers.id(realm.admin(), "bob");
        UserRepresentation rep = realm.admin().users().get(bob).toRepresentation();
        rep.setRequiredActions(List.of("CONFIGURE_TOTP")); // the recovery codes follow every enrolment
        realm.admin().users().get(bob).update(rep);

        BrowserLogin cloud = new BrowserLogin(realm.getBaseUrl(), "cloud-portal", realm.getBaseUrl() + LANDING);
        chromium.driver().get(cloud.authorizationUrl(Map.of()));
        chromium.waitFor(By.id("username"));
        chromium.driver().findElement(By.id("username")).sendKeys("bob");
        chromium.driver().findElement(By.id("password")).sendKeys(DEMO_PASSWORDS.get("bob"));
        submit(By.id("kc-login"));
        AuthenticatorApp phone = scanTotpAndKeepRecoveryCodes("Bob's phone");
        chromium.waitFor(By.id("signed-in-factors"));
        assertTrue(text(By.id("signed-in-factors")).contains("Authenticator app (TOTP): Bob's phone"),
                text(By.id("signed-in-factors")));

        // The banner's "Disable MFA" link: the cloud portal with kc_action=hpc-disable-mfa; he signs in again.
        // Keycloak counts a login of this very second as fresh (whole seconds): a person clicks later than that.
        Thread.sleep(1100);
        chromium.driver().get(cloud.authorizationUrl(Map.of("kc_action", "hpc-disable-mfa")));
        chromium.waitFor(By.id("password"));
        if (shows(By.id("username")) && chromium.driver().findElement(By.id("username")).isEnabled()) {
            chromium.driver().findElement(By.id("username")).sendKeys("bob");
        }
        chromium.driver().findElement(By.id("password")).sendKeys(DEMO_PASSWORDS.get("bob"));
        submit(By.id("kc-login"));
        chromium.waitFor(By.id("otp"));
        chromium.driver().findElement(By.id("otp")).sendKeys(phone.freshCode());
        submit(By.id("kc-login"));

        // The request page: what goes, as a list; the link's address and lifetime; and no word of email codes,
        // which the cloud portal's login never asks for (bob's verified address would receive them elsewhere).
        chromium.waitFor(By.id("kc-disable-mfa-send"));
        List<String> factors = chromium.driver().findElements(By.cssSelector("#disable-mfa-factors li")).stream()
                .map(WebElement::getText).map(String::trim).toList();
        assertEquals(List.of("Authenticator app (TOTP): Bob's phone", "Recovery codes"), factors);
        assertFalse(shows(By.id("disable-mfa-email-code-stays")), "email codes mentioned on the cloud portal: "
                + bodyText());
        assertFalse(bodyText().contains("Login codes sent by email"), bodyText());
        assertTrue(text(By.id("disable-mfa-email")).contains("bob@example.org")
                && text(By.id("disable-mfa-email")).contains("valid for 15 minutes"), text(By.id("disable-mfa-email")));
        submit(By.id("kc-disable-mfa-send"));
        assertTrue(text(By.id("disable-mfa-sent")).contains("Confirmation email sent to bob@example.org"), bodyText());
        String link = Mails.text(mailTo("bob@example.org"))
                .replaceAll("(?s).*?(http://\\S+/login-actions/action-token\\?key=\\S+).*", "$1");
        assertTrue(link.startsWith(realm.getBaseUrl()), link);
        submit(By.id("kc-disable-mfa-continue"));
        assertTrue(types(bob).contains("otp"), "nothing changes before the link is used");

        // The link from the mail (any browser): the factors once more, "Disable two-factor login", the result.
        chromium.driver().manage().deleteAllCookies();
        chromium.driver().get(link);
        chromium.waitFor(By.id("kc-disable-mfa-confirm"));
        assertTrue(bodyText().contains("Bob's phone"), bodyText());
        submit(By.id("kc-disable-mfa-confirm"));
        assertTrue(text(By.id("disable-mfa-done")).contains("disabled"), bodyText());
        assertEquals(List.of("password"), types(bob));

        // From now on his password alone; the landing page says he has no second factor.
        chromium.driver().get(cloud.authorizationUrl(Map.of()));
        chromium.waitFor(By.id("username"));
        chromium.driver().findElement(By.id("username")).sendKeys("bob");
        chromium.driver().findElement(By.id("password")).sendKeys(DEMO_PASSWORDS.get("bob"));
        submit(By.id("kc-login"));
        chromium.waitFor(By.id("signed-in-user"));
        assertEquals("Signed in as Bob Peeters (bob).", text(By.id("signed-in-user")));
        assertTrue(shows(By.id("signed-in-no-factor")), bodyText());
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

}
