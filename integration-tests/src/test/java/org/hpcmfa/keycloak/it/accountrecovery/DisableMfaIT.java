package org.hpcmfa.keycloak.it.accountrecovery;

import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.DOMAIN;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.EXPIRED;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.USED;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.ACTION;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.credentialTypes;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.events;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.mailTo;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.mailsTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.push.PushEnrolment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/**
 * The University of Toronto journey: "Disable" asks for the credentials again, mails a link valid for 15 minutes,
 * and only pressing the button on the linked page removes the second factors; then the password alone logs in.
 * The users live at example.net, where the class allows no email codes, so that TOTP and push are their only
 * second factors.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DisableMfaIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;
    DisableMfaPages pages;

    @BeforeEach
    void setUp() {
        browser = new LoginDriver(driver, realm);
        pages = new DisableMfaPages(browser, driver, mail);
        DisableMfaAdmin.emailCodesOnlyFor(realm.admin(), "example.org");
    }

    @AfterEach
    void restoreTheDemoSettings() {
        DisableMfaAdmin.settings(realm.admin(), Map.of());
        DisableMfaAdmin.enabled(realm.admin(), ACTION, true);
        DisableMfaAdmin.emailCodesOnlyFor(realm.admin(), "");
    }

    @Test
    void credentialsThenAMailedLinkThenTheButtonDisableEveryFactor() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-journey", DOMAIN, true,
                List.of(TestUsers.totpCredential("my phone"), TestUsers.recoveryCodesCredential(List.of("code-one", "code-two"))));
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp phone = PushEnrolment.enrol(realm, user); // spends the current TOTP code
        List<String> enrolled = List.of("hpc-push", "otp", "password", "recovery-authn-codes");
        assertEquals(enrolled, credentialTypes(realm.admin(), userId));

        // The portal's "Disable" button: the login asks for password and second factor, then the action's page.
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        List<String> listed = driver.driver().findElements(By.cssSelector("#disable-mfa-factors li")).stream()
                .map(li -> li.getAttribute("data-type")).sorted().toList();
        assertEquals(List.of("hpc-push", "otp", "recovery-authn-codes"), listed, browser.pageSource());
        assertTrue(browser.text(By.id("disable-mfa-factors")).contains("Authenticator app (TOTP): my phone"));
        assertTrue(browser.text(By.id("disable-mfa-email")).contains("valid for 15 minutes"), browser.pageSource());
        String link = pages.sendLink(user);

        MimeMessage message = mailsTo(mail, DisableMfaPages.email(user)).get(0);
        assertEquals("Confirm disabling two-factor login for Research Computing MFA (demo)", message.getSubject());
        assertTrue(Mails.text(message).contains("within 15 minutes"), Mails.text(message));
        assertTrue(Mails.html(message).contains("href=\"" + link + "\""), Mails.html(message));

        // A mail scanner fetches the link (and the page it leads to): nothing is removed.
        HttpLoginClient scanner = new HttpLoginClient();
        assertEquals(302, scanner.get(link).statusCode(), scanner.last().body());
        assertEquals(200, scanner.get(scanner.location()).statusCode());
        assertTrue(scanner.last().body().contains("kc-disable-mfa-confirm-form"), scanner.last().body());
        assertEquals(enrolled, credentialTypes(realm.admin(), userId));

        // The person opens it in the browser and presses the button.
        driver.open(link);
        assertEquals(3, driver.driver().findElements(By.cssSelector("#disable-mfa-factors li")).size(), browser.pageSource());
        assertEquals(enrolled, credentialTypes(realm.admin(), userId), "showing the page removed something");
        driver.findElement(By.id("kc-disable-mfa-confirm")).click();
        assertTrue(browser.pageSource().contains("Two-factor login has been disabled"), browser.pageSource());
        assertEquals(3, driver.driver().findElements(By.cssSelector("#disable-mfa-removed li")).size());
        assertEquals(List.of("password"), credentialTypes(realm.admin(), userId));
        assertEquals(400, phone.pollAt(Instant.now()).status(), "the removed phone can still poll");

        // The research app's flow now skips its second-factor step: the password alone logs in.
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(browser.loggedIn(), browser.pageSource());
        assertNotNull(browser.tokens().get("access_token"));

        // The link works once.
        driver.cookies().deleteAll();
        driver.open(link);
        assertTrue(browser.pageSource().contains(USED), browser.pageSource());

        EventRepresentation sent = events(realm.admin(), userId, "SEND_VERIFY_EMAIL").get(0);
        assertEquals(ACTION, sent.getDetails().get("custom_required_action"));
        assertEquals(DisableMfaPages.email(user), sent.getDetails().get("email"));
        assertEquals("hpc-push,otp,recovery-authn-codes", sent.getDetails().get("credential_types"));
        EventRepresentation removed = events(realm.admin(), userId, "REMOVE_CREDENTIAL").get(0);
        assertEquals("user_disabled_mfa", removed.getDetails().get("reason"));
        assertEquals("hpc-push,otp,recovery-authn-codes", removed.getDetails().get("removed_credentials"));
        assertEquals(sent.getDetails().get("token_id"), removed.getDetails().get("token_id"));
        assertEquals("account_recovery_link_used",
                events(realm.admin(), userId, "REMOVE_CREDENTIAL_ERROR").get(0).getError());
        String signature = link.substring(link.lastIndexOf('.') + 1);
        for (EventRepresentation event : events(realm.admin(), userId)) {
            assertFalse(JsonSerialization.writeValueAsString(event).contains(signature), "link leaked into " + event.getType());
        }
    }

    @Test
    void aSignedInUserMustEnterTheCredentialsAgain() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-reauth", DOMAIN, true, true);
        browser.open().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        assertTrue(browser.loggedIn(), browser.pageSource());
        Thread.sleep(1100); // Keycloak compares whole seconds: a login of this very second would count as fresh
        browser.openInSameSession(LoginDriver.APP, Map.of());
        assertTrue(browser.loggedIn(), "the SSO session alone logs in to the application: " + browser.pageSource());

        browser.openInSameSession(LoginDriver.APP, Map.of("kc_action", ACTION));
        assertTrue(browser.isPresent(By.id("password")), browser.pageSource());
        assertTrue(browser.pageSource().contains("Please re-authenticate to continue"), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-disable-mfa-form")));
        browser.password("not-the-password");
        assertTrue(browser.isPresent(By.id("password")), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-disable-mfa-form")), "a wrong password reached the action");
        browser.password(TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        assertTrue(browser.isPresent(By.id("kc-disable-mfa-send")), browser.pageSource());
        driver.findElement(By.id("kc-disable-mfa-cancel")).click();
        assertTrue(driver.getCurrentUrl().contains("kc_action_status=cancelled"), driver.getCurrentUrl());

        // The admin's "maximum age of authentication" is Keycloak's own knob: 300 s lets a fresh login through.
        DisableMfaAdmin.settings(realm.admin(), Map.of("max_auth_age", "300"));
        browser.openInSameSession(LoginDriver.APP, Map.of("kc_action", ACTION));
        assertTrue(browser.isPresent(By.id("kc-disable-mfa-send")), browser.pageSource());
        assertFalse(browser.isPresent(By.id("password")));
    }

    @Test
    void cancelAndKeepLeaveEverythingAsItWas() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-cancel", DOMAIN, true, true);
        String userId = TestUsers.id(realm.admin(), user);
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        driver.findElement(By.id("kc-disable-mfa-cancel")).click();
        assertTrue(browser.loggedIn() && driver.getCurrentUrl().contains("kc_action_status=cancelled"),
                driver.getCurrentUrl());
        assertNull(mailTo(mail, DisableMfaPages.email(user), 0), "Cancel mailed a link");
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), userId));
        assertTrue(events(realm.admin(), userId, "SEND_VERIFY_EMAIL").isEmpty());

        // "Keep two-factor login" on the linked page: nothing removed, and the link is spent.
        Thread.sleep(1100);
        browser.openInSameSession(LoginDriver.APP, Map.of("kc_action", ACTION))
                .password(TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        String link = pages.sendLink(user);
        driver.open(link);
        driver.findElement(By.id("kc-disable-mfa-keep")).click();
        assertTrue(browser.text(By.id("disable-mfa-kept-text")).contains("Your second factors stay active"),
                browser.pageSource());
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), userId));
        driver.open(link);
        assertTrue(browser.pageSource().contains(USED), browser.pageSource());
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), userId));
        assertEquals(List.of("account_recovery_link_used", "rejected_by_user"), events(realm.admin(), userId,
                "REMOVE_CREDENTIAL_ERROR").stream().map(EventRepresentation::getError).toList());
    }

    @Test
    void anExpiredLinkRemovesNothing() throws Exception {
        DisableMfaAdmin.settings(realm.admin(), Map.of("link-validity-minutes", "1"));
        String user = TestUsers.create(realm.admin(), "dm-expiry", DOMAIN, true, true);
        String userId = TestUsers.id(realm.admin(), user);
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        assertTrue(browser.text(By.id("disable-mfa-email")).contains("valid for 1 minutes"), browser.pageSource());
        String link = pages.sendLink(user);
        Instant sent = Instant.now();
        driver.open(link);
        assertTrue(browser.isPresent(By.id("kc-disable-mfa-confirm")), browser.pageSource());

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), sent.plusSeconds(62)).toMillis()));
        driver.findElement(By.id("kc-disable-mfa-confirm")).click(); // the page was open while the time ran out
        assertTrue(browser.pageSource().contains(EXPIRED), browser.pageSource());
        driver.open(link);
        assertTrue(browser.pageSource().contains(EXPIRED), browser.pageSource());
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), userId));
        List<String> errors = events(realm.admin(), userId, "REMOVE_CREDENTIAL_ERROR").stream()
                .map(EventRepresentation::getError).toList();
        assertEquals(List.of("expired_code", "expired_code"), errors);
    }
}
