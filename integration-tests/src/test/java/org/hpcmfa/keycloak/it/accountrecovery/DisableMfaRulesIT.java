package org.hpcmfa.keycloak.it.accountrecovery;

import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.DOMAIN;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.INVALID;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaPages.USED;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.ACTION;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.credentialTypes;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
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
import org.openqa.selenium.By;

/**
 * The rules around "Disable two-factor login": a link acts for its own user only and cannot be forged, people
 * without a second factor or a usable address are told so, the pages work under Keycloak's classic login theme,
 * and nothing runs while the realm has the action switched off.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DisableMfaRulesIT {

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
    void aLinkOnlyEverActsOnItsOwnUser() throws Exception {
        String alice = TestUsers.create(realm.admin(), "dm-a", DOMAIN, true, true);
        String bob = TestUsers.create(realm.admin(), "dm-b", DOMAIN, true, true);
        String aliceId = TestUsers.id(realm.admin(), alice);
        String bobId = TestUsers.id(realm.admin(), bob);
        pages.start().usernamePassword(alice, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        String link = pages.sendLink(alice);

        // Bob, signed in, opens Alice's link: Keycloak refuses to act for another user in his session.
        browser.open().usernamePassword(bob, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        assertTrue(browser.loggedIn(), browser.pageSource());
        driver.open(link);
        assertTrue(browser.pageSource().contains("You are already authenticated as different user"), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-disable-mfa-confirm")));

        // Rewriting the link for Bob (or damaging it) breaks the realm's signature.
        String[] parts = link.substring(link.indexOf("key=") + 4).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains(aliceId), payload);
        String forBob = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(aliceId, bobId).getBytes(StandardCharsets.UTF_8));
        String base = link.substring(0, link.indexOf("key=") + 4);
        for (String tampered : List.of(base + parts[0] + "." + forBob + "." + parts[2],
                link.substring(0, link.length() - 2) + (link.endsWith("A") ? "BB" : "AA"))) {
            driver.cookies().deleteAll();
            driver.open(tampered);
            assertTrue(browser.pageSource().contains(INVALID), browser.pageSource());
        }
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), aliceId));
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), bobId));

        // The genuine link, in a browser of its own, removes Alice's factors and nobody else's.
        driver.cookies().deleteAll();
        driver.open(link);
        driver.findElement(By.id("kc-disable-mfa-confirm")).click();
        assertTrue(browser.pageSource().contains("Two-factor login has been disabled"), browser.pageSource());
        assertEquals(List.of("password"), credentialTypes(realm.admin(), aliceId));
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), bobId));
        assertTrue(events(realm.admin(), bobId, "REMOVE_CREDENTIAL").isEmpty());
    }

    @Test
    void ofTenSimultaneousPressesOfOneLinkExactlyOneRemovesTheFactors() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-race", DOMAIN, true, true);
        String userId = TestUsers.id(realm.admin(), user);
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        String link = pages.sendLink(user);
        List<HttpLoginClient> browsers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpLoginClient client = new HttpLoginClient();
            client.get(client.get(link).headers().firstValue("Location").orElseThrow());
            browsers.add(client);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        List<Future<String>> answers = new ArrayList<>();
        for (HttpLoginClient client : browsers) {
            String action = client.formAction("kc-disable-mfa-confirm-form");
            answers.add(pool.submit(() -> {
                go.await();
                HttpResponse<String> answer = client.post(action, Map.of("confirm", "true"));
                return answer.statusCode() == 302 ? client.get(client.location()).body() : answer.body();
            }));
        }
        go.countDown();
        int disabled = 0;
        int used = 0;
        for (Future<String> answer : answers) {
            String page = answer.get();
            if (page.contains("Two-factor login has been disabled")) {
                disabled++;
            } else if (page.contains(USED)) {
                used++;
            }
        }
        pool.shutdown();
        assertEquals(1, disabled);
        assertEquals(9, used);
        assertEquals(List.of("password"), credentialTypes(realm.admin(), userId));
        assertEquals(1, events(realm.admin(), userId, "REMOVE_CREDENTIAL").size());
    }

    @Test
    void whoHasNothingToRemoveOrNoUsableAddressIsToldSoAndGetsNoMail() throws Exception {
        int mails = mail.getReceivedMessages().length;
        String bare = TestUsers.create(realm.admin(), "dm-bare", DOMAIN, true, false);
        pages.start().usernamePassword(bare, TestUsers.PASSWORD);
        assertRefused("NOTHING_TO_REMOVE", "Your account has no second factor that could be removed.");

        String unverified = TestUsers.create(realm.admin(), "dm-unverified", DOMAIN, false, true);
        pages.start().usernamePassword(unverified, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        assertRefused("EMAIL_NOT_VERIFIED", "Your email address " + DisableMfaPages.email(unverified) + " is not verified");

        // Keycloak's default user profile requires an address; realms that do not, have users without one.
        DisableMfaAdmin.enabled(realm.admin(), "VERIFY_PROFILE", false);
        try {
            String noEmail = TestUsers.create(realm.admin(), "dm-no-email", null, false, true);
            pages.start().usernamePassword(noEmail, TestUsers.PASSWORD).totp(TestUsers.totpNow());
            assertRefused("NO_EMAIL", "Your account has no email address");
            assertTrue(errors(TestUsers.id(realm.admin(), noEmail)).contains("account_recovery_no_email"));
        } finally {
            DisableMfaAdmin.enabled(realm.admin(), "VERIFY_PROFILE", true);
        }
        Thread.sleep(1000);
        assertEquals(mails, mail.getReceivedMessages().length, "a refused request mailed something");
        assertTrue(errors(TestUsers.id(realm.admin(), bare)).contains("account_recovery_no_second_factor"));
        assertTrue(errors(TestUsers.id(realm.admin(), unverified)).contains("account_recovery_email_not_verified"));

        // A user whose address receives email codes is told that those stay.
        String emailCodes = TestUsers.create(realm.admin(), "dm-email-code", "example.org", true, true);
        pages.start().usernamePassword(emailCodes, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        assertTrue(browser.text(By.id("disable-mfa-email-code-stays")).contains("Login codes sent by email"),
                browser.pageSource());
    }

    /** The errors of the user's CUSTOM_REQUIRED_ACTION_ERROR events (Keycloak adds rejected_by_user on Cancel). */
    private List<String> errors(String userId) {
        return events(realm.admin(), userId, "CUSTOM_REQUIRED_ACTION_ERROR").stream()
                .map(EventRepresentation::getError).toList();
    }

    private void assertRefused(String state, String message) {
        assertEquals(state, driver.findElement(By.id("disable-mfa-refused")).getAttribute("data-state"), browser.pageSource());
        assertTrue(browser.text(By.id("disable-mfa-refused")).contains(message), browser.pageSource());
        assertFalse(browser.isPresent(By.id("kc-disable-mfa-send")));
        driver.findElement(By.id("kc-disable-mfa-cancel")).click();
        assertTrue(driver.getCurrentUrl().contains("kc_action_status=cancelled"), driver.getCurrentUrl());
    }

    @Test
    void thePagesWorkUnderKeycloaksClassicLoginThemeToo() throws Exception {
        org.keycloak.representations.idm.RealmRepresentation rep = realm.admin().toRepresentation();
        String theme = rep.getLoginTheme();
        rep.setLoginTheme("keycloak");
        realm.admin().update(rep);
        try {
            String user = TestUsers.create(realm.admin(), "dm-classic", DOMAIN, true, true);
            pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
            assertEquals(1, driver.driver().findElements(By.cssSelector("#disable-mfa-factors li")).size(),
                    browser.pageSource());
            String link = pages.sendLink(user);
            driver.open(link);
            assertTrue(browser.isPresent(By.id("kc-disable-mfa-confirm")), browser.pageSource());
            driver.findElement(By.id("kc-disable-mfa-keep")).click();
            assertTrue(browser.pageSource().contains("Nothing was changed"), browser.pageSource());
        } finally {
            rep.setLoginTheme(theme);
            realm.admin().update(rep);
        }
    }

    @Test
    void onlyARealmThatEnablesTheActionLetsItRun() throws Exception {
        String user = TestUsers.create(realm.admin(), "dm-switch", DOMAIN, true, true);
        String userId = TestUsers.id(realm.admin(), user);
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totpNow());
        String link = pages.sendLink(user);

        DisableMfaAdmin.enabled(realm.admin(), ACTION, false);
        driver.cookies().deleteAll();
        driver.open(link);
        assertTrue(browser.pageSource().contains("Disabling two-factor login is not available here."), browser.pageSource());
        pages.start().usernamePassword(user, TestUsers.PASSWORD).totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        assertTrue(browser.loggedIn() && driver.getCurrentUrl().contains("kc_action_status=error"),
                driver.getCurrentUrl() + " " + browser.pageSource());
        assertEquals(List.of("otp", "password"), credentialTypes(realm.admin(), userId));
        assertEquals("account_recovery_not_enabled",
                events(realm.admin(), userId, "REMOVE_CREDENTIAL_ERROR").get(0).getError());
    }
}
