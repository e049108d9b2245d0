package org.hpcmfa.keycloak.it.browser;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PrivacyIdeaApp;
import org.hpcmfa.keycloak.it.registrationtoken.TokenAdminApi;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.Keycloak;
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
 * Every page the pack renders, in Chromium, under Keycloak's two login themes ({@code keycloak.v2} and
 * {@code keycloak}): in English and French on a desktop window, and on a 360 px wide phone in French, Dutch and German
 * (keycloak.v2) and French (keycloak), where each page is also checked to be usable: no
 * sideways scrolling, every control within reach.
 * The screenshots land in {@code integration-tests/target/screenshots/}; {@code docs/refresh-screenshots.sh} copies
 * them to the committed {@code docs/screenshots/}.
 */
@Needs(CHROMIUM)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PageGalleryIT {

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    static Stream<Arguments> passes() {
        return Stream.of(
                Arguments.of("keycloak.v2", "en", Chromium.Viewport.DESKTOP),
                Arguments.of("keycloak.v2", "fr", Chromium.Viewport.DESKTOP),
                Arguments.of("keycloak", "en", Chromium.Viewport.DESKTOP),
                Arguments.of("keycloak", "fr", Chromium.Viewport.DESKTOP),
                // On a 360 px phone: French (the longest sentences) under both themes, Dutch and German (long
                // compounds) under keycloak.v2, the default theme. Not English, the shortest texts, nor Dutch and
                // German again under keycloak, whose layout the French pass already checks: each phone pass costs
                // about 22 s of CI, which stays under its 30-minute limit.
                Arguments.of("keycloak.v2", "fr", Chromium.Viewport.MOBILE),
                Arguments.of("keycloak", "fr", Chromium.Viewport.MOBILE),
                Arguments.of("keycloak.v2", "de", Chromium.Viewport.MOBILE),
                Arguments.of("keycloak.v2", "nl", Chromium.Viewport.MOBILE));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("passes")
    void everyPageOfThePack(String theme, String language, Chromium.Viewport viewport) throws Exception {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setLoginTheme(theme);
        realm.admin().update(rep);
        try (Chromium chromium = Chromium.start(viewport, language)) {
            Gallery gallery = new Gallery(chromium, theme, language, viewport);
            LoginDriver browser = new LoginDriver(chromium.managed(), realm);
            Enrolled newcomer = firstLoginPages(gallery, browser, chromium, language);
            emailCodePages(gallery, browser, language);
            pushLoginPages(gallery, browser, chromium, newcomer);
            clockSkewPages(gallery, browser, language);
            disableMfaPages(gallery, browser, chromium, language);
            landingAndDeviceLoginPages(gallery, browser, chromium, language);
            assertEquals(22, gallery.shots().size(), gallery.shots().toString());
        }
    }

    /** A newcomer after the first login, and the phone they enrolled. */
    private record Enrolled(String user, PrivacyIdeaApp phone) {
    }

    /** Registration-token mail, portal, choice of factor, push set-up, the closing page. */
    private Enrolled firstLoginPages(Gallery gallery, LoginDriver browser, Chromium chromium, String language)
            throws Exception {
        String user = TestUsers.createWithoutPassword(realm.admin(), "gallery", "example.org");
        speaks(user, language);
        mail.runCleanup();
        TokenAdminApi.Reply issued = new TokenAdminApi("http://localhost:8080", realm.getName())
                .issue(admin.tokenManager().getAccessTokenString(), TestUsers.id(realm.admin(), user), true);
        assertEquals(200, issued.status(), String.valueOf(issued.body()));
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
        String mailText = Mails.text(mail.getLastReceivedMessage());
        String token = mailText.replaceAll("(?s).*\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b.*", "$1");
        gallery.mail("mail-registration-token", Mails.html(mail.getLastReceivedMessage()));

        browser.openPortal();
        gallery.shot("portal-login", By.id("kc-form-login"));
        browser.usernamePassword(user, token);
        gallery.shot("enrol-choose", By.id("kc-enrol-choose-form"));
        browser.chooseFactorIfAsked("hpc-push-setup");
        gallery.shot("push-setup", By.id("push-enrol-uri"));
        PrivacyIdeaApp phone = PrivacyIdeaApp.scan(browser.text(By.id("push-enrol-uri")));
        assertEquals(200, phone.rollout().status());
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        chromium.driver().findElement(By.id("saveRecoveryAuthnCodesBtn")).click();
        gallery.shot("enrol-done", By.id("kc-enrol-finish"));
        chromium.driver().findElement(By.id("kc-enrol-finish")).click();
        chromium.waitUntil("logged in", browser::loggedIn);

        browser.openPortal().usernamePassword(user, token);
        gallery.shot("portal-token-used", By.cssSelector("[id^=input-error]"));
        return new Enrolled(user, phone);
    }

    /** The email code page, its mail, and the page after a wrong code. */
    private void emailCodePages(Gallery gallery, LoginDriver browser, String language) throws Exception {
        String user = TestUsers.create(realm.admin(), "gallery-mail", "example.org", true);
        speaks(user, language);
        mail.runCleanup();
        browser.open().usernamePassword(user, TestUsers.PASSWORD);
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
        gallery.shot("email-code", By.id("emailCode"));
        String code = Mails.code(mail.getLastReceivedMessage());
        String html = Mails.html(mail.getLastReceivedMessage());
        browser.emailCode(code.equals("000000") ? "111111" : "000000");
        gallery.shot("email-code-wrong", By.id("input-error-email-code"));
        gallery.mail("mail-email-code", html);
    }

    /** The push page with its number (device login of the SSH journey), and the page after "not me". */
    private void pushLoginPages(Gallery gallery, LoginDriver browser, Chromium chromium, Enrolled newcomer)
            throws Exception {
        PrivacyIdeaApp phone = newcomer.phone();
        // The device login asks for the password first: the newcomer sets one, as an SSH user of that flow has.
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TestUsers.PASSWORD);
        password.setTemporary(false);
        realm.admin().users().get(TestUsers.id(realm.admin(), newcomer.user())).resetPassword(password);
        DeviceLogin ssh = new DeviceLogin(realm.getBaseUrl());
        JsonNode started = ssh.start("ssh-cli", null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), newcomer.user());
        gallery.shot("push-login", By.id("push-number"));
        List<JsonNode> requests = phone.poll();
        assertEquals(1, requests.size());
        assertTrue(phone.decline(requests.get(0), "unknown_trigger").value());
        gallery.shot("push-declined", By.id("push-restart"));
    }

    /** The portal and the CISM page refusing a code from a phone whose clock is five minutes slow; the CISM page. */
    private void clockSkewPages(Gallery gallery, LoginDriver browser, String language) throws Exception {
        String user = TestUsers.create(realm.admin(), "gallery-clock", "example.org", false, true);
        speaks(user, language);
        String slowPhone = TestUsers.totp(TestUsers.TOTP_SECRET, -10);
        browser.openPortal().usernamePassword(user, slowPhone);
        gallery.shot("portal-clock-skew", By.cssSelector("[id^=input-error]"));

        browser.open("cism-jupyterlab", Map.of());
        gallery.shot("cism-login", By.id("otp"));
        browser.driver().findElement(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.driver().findElement(By.id("otp")).sendKeys(TestUsers.totp(TestUsers.TOTP_SECRET, -10));
        browser.submit(browser.driver().findElement(By.id("kc-login")));
        gallery.shot("cism-login-clock-skew", By.id("input-error-otp"));
    }

    /**
     * The page the demo's applications land on (a login on the CISM page), then a TOTP device login of the SSH
     * client: the review of the key it names, and Keycloak's consent page, which it shows for every device login.
     */
    private void landingAndDeviceLoginPages(Gallery gallery, LoginDriver browser, Chromium chromium, String language)
            throws Exception {
        String user = TestUsers.create(realm.admin(), "gallery-ssh", "example.org", true, true);
        speaks(user, language);
        browser.open("cism-jupyterlab", Map.of());
        browser.driver().findElement(By.id("otp")).sendKeys(TestUsers.totpNow());
        browser.usernamePassword(user, TestUsers.PASSWORD);
        chromium.waitUntil("logged in", browser::loggedIn);
        chromium.driver().get(realm.getBaseUrl() + "/hpc-signed-in");
        gallery.shot("signed-in", By.id("signed-in-factors"));

        JsonNode started = new DeviceLogin(realm.getBaseUrl()).start("ssh-cli", null);
        DeviceLogin.openInBrowser(browser, started.get("verification_uri_complete").asText(), user);
        // The next period's code: this one was spent on the CISM page a moment ago.
        browser.totp(TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        gallery.shot("ssh-key-review", By.id("kc-key-review-approve"));
        browser.submit(chromium.driver().findElement(By.id("kc-key-review-approve")));
        gallery.shot("ssh-consent", By.id("kc-oauth"));
    }

    /** Disable two-factor login: the request, the mail sent, the mail, the linked confirmation, the result. */
    private void disableMfaPages(Gallery gallery, LoginDriver browser, Chromium chromium, String language)
            throws Exception {
        String user = TestUsers.create(realm.admin(), "gallery-rm", "example.org", true, true);
        speaks(user, language);
        mail.runCleanup();
        browser.open("cloud-portal", Map.of("kc_action", "hpc-disable-mfa")).usernamePassword(user, TestUsers.PASSWORD);
        browser.totp(TestUsers.totpNow());
        gallery.shot("disable-mfa-request", By.id("kc-disable-mfa-send"));
        browser.submit(chromium.driver().findElement(By.id("kc-disable-mfa-send")));
        gallery.shot("disable-mfa-sent", By.id("disable-mfa-sent"));
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
        String text = Mails.text(mail.getLastReceivedMessage());
        String link = text.replaceAll("(?s).*?(http://\\S+/login-actions/action-token\\?key=\\S+).*", "$1");
        gallery.mail("mail-disable-mfa", Mails.html(mail.getLastReceivedMessage()));
        chromium.driver().manage().deleteAllCookies();
        chromium.driver().get(link);
        gallery.shot("disable-mfa-confirm", By.id("kc-disable-mfa-confirm"));
        browser.submit(chromium.driver().findElement(By.id("kc-disable-mfa-confirm")));
        gallery.shot("disable-mfa-done", By.id("disable-mfa-done"));
    }

    private void speaks(String user, String language) {
        String id = TestUsers.id(realm.admin(), user);
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        rep.setAttributes(Map.of("locale", List.of(language)));
        realm.admin().users().get(id).update(rep);
    }
}
