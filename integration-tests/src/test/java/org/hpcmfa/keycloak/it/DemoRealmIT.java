package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.TokenVerifier;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** The demo realm file imports as it is, and a person can log in to the portal through a browser. */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DemoRealmIT {

    static final String PORTAL = LoginDriver.PORTAL;
    static final String APP = LoginDriver.APP;

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @BeforeEach
    void newBrowserSession() {
        driver.cookies().deleteAll();
    }

    @Test
    void demoRealmImportsWithThemeClientAndUsers() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        assertEquals("mfa-demo", rep.getRealm());
        assertEquals("hpc-mfa", rep.getLoginTheme());
        assertTrue(rep.isBruteForceProtected(), "brute-force detection must be on in the demo realm");

        ClientRepresentation portal = realm.admin().clients().findByClientId(PORTAL).get(0);
        assertTrue(portal.isPublicClient());
        assertEquals("S256", portal.getAttributes().get("pkce.code.challenge.method"));

        assertEquals("mfa-portal-login", rep.getBrowserFlow(), "the Account Console is the MFA portal");
        ClientRepresentation app = realm.admin().clients().findByClientId(APP).get(0);
        assertEquals("mfa-browser", realm.admin().flows().getFlow(app.getAuthenticationFlowBindingOverrides().get("browser")).getAlias());

        for (String username : List.of("alice", "bob", "dana")) {
            List<UserRepresentation> found = realm.admin().users().searchByUsername(username, true);
            assertEquals(1, found.size(), "demo user " + username);
            assertTrue(found.get(0).isEmailVerified());
            // The Account Console (the portal) needs the account roles the realm's default roles carry.
            assertTrue(realm.admin().users().get(found.get(0).getId()).roles().realmLevel().listAll().stream()
                    .anyMatch(role -> role.getName().equals("default-roles-mfa-demo")), username + " has the default roles");
        }
    }

    @Test
    void aliceLogsInToAResearchAppThroughTheBrowser() throws Exception {
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), APP, realm.getBaseUrl() + "/");
        driver.open(login.authorizationUrl(Map.of()));

        loginPage.assertCurrent();
        assertEquals("Sign in to Research web application", driver.findElement(By.id("kc-page-title")).getText().trim(),
                "the login page names the application, not the portal");
        assertTrue(driver.findElement(By.id("themes-support-hint")).getText().contains("IT support"));

        loginPage.fillLogin("alice", "alice-demo-pw");
        loginPage.submit();

        // The demo flow asks for the second factor alice has: a code mailed to her verified address.
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no email code arrived");
        driver.findElement(By.id("emailCode")).sendKeys(Mails.code(mail.getLastReceivedMessage()));
        driver.findElement(By.id("kc-login")).click();

        JsonNode tokens = login.redeem(driver.getCurrentUrl());
        AccessToken accessToken = TokenVerifier.create(tokens.get("access_token").asText(), AccessToken.class).getToken();
        assertEquals("alice", accessToken.getPreferredUsername());
        assertEquals(realm.getBaseUrl(), accessToken.getIssuer());
    }

    @Test
    void wrongPasswordIsRefusedOnThePage() {
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), PORTAL, realm.getBaseUrl() + "/");
        driver.open(login.authorizationUrl(Map.of()));
        loginPage.fillLogin("bob", "not-bobs-password");
        loginPage.submit();

        loginPage.assertCurrent();
        assertTrue(driver.page().getPageSource().contains("Invalid username or password."));
    }

    @Test
    void loginPageSpeaksTheUsersLanguage() {
        // The portal is Keycloak's Account Console: its login page is "the MFA portal" in the person's language.
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), "account-console", realm.getBaseUrl() + "/account/");
        for (Map.Entry<String, String> title : Map.of(
                "fr", "Connexion au portail MFA",
                "nl", "Aanmelden bij het MFA-portaal",
                "de", "Anmeldung am MFA-Portal").entrySet()) {
            driver.cookies().deleteAll();
            driver.open(login.authorizationUrl(Map.of("ui_locales", title.getKey())));
            assertEquals(title.getValue(), driver.findElement(By.id("kc-page-title")).getText().trim());
        }
    }

    @Test
    void themeStylesheetIsServed() throws Exception {
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), PORTAL, realm.getBaseUrl() + "/");
        driver.open(login.authorizationUrl(Map.of()));
        Matcher link = Pattern.compile("href=\"(/resources/[^\"]+/login/hpc-mfa/css/hpc-mfa\\.css)\"")
                .matcher(driver.page().getPageSource());
        assertTrue(link.find(), "login page does not link the pack's stylesheet");

        HttpResponse<String> css = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:8080" + link.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, css.statusCode());
        assertTrue(css.body().contains(".hpc-mfa-support-hint"));
    }

    @Test
    void realmMailArrivesAtTheTestMailServer() throws Exception {
        String aliceId = realm.admin().users().searchByUsername("alice", true).get(0).getId();
        realm.admin().users().get(aliceId).executeActionsEmail(List.of("UPDATE_PASSWORD"));

        assertTrue(mail.waitForIncomingEmail(10_000, 1), "no mail arrived");
        MimeMessage message = mail.getLastReceivedMessage();
        assertNotNull(message.getSubject());
        assertEquals("alice@example.org", message.getAllRecipients()[0].toString());
    }
}
