package org.hpcmfa.keycloak.it.recoverycodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PushAdmin;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.utils.RecoveryAuthnCodesUtils;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Recovery codes as people need them, in the demo realm (8 codes, Toronto's count): any code in any order, each
 * once (also when 20 logins race with one code), a warning at three left, a new set that voids the old one, codes
 * Keycloak itself generated before the pack, and every place a second factor is accepted: the application, the
 * portal's one field, the SSH terminal prompt (the device login's certificate is in TwoFactorCertificateIT).
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RecoveryCodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver driver;

    LoginDriver browser;
    TerminalApi terminal;
    String gatewayToken;

    @BeforeEach
    void setUp() throws Exception {
        browser = new LoginDriver(driver, realm);
        PushAdmin.allowFastRetries(realm.admin()); // tests type faster than people: no quick-login lockouts
        terminal = new TerminalApi(realm.getBaseUrl());
        gatewayToken = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
    }

    @Test
    void eightCodesAnyOrderOnceWarningAtThreeAndANewSetVoidsTheOld() throws Exception {
        String user = TestUsers.create(realm.admin(), "rc-life", "example.org", false, true);

        // "Set up recovery codes" (kc_action): the realm's count, a file name as the terminal command's.
        browser.open(Map.of("kc_action", "hpc-recovery-codes")).usernamePassword(user, TestUsers.PASSWORD);
        browser.totp(TestUsers.totpNow());
        List<String> codes = keepShownCodes(user);
        assertEquals(8, codes.size(), "the demo realm's count");
        assertEquals(8, remaining(user));

        // The seventh code first, at the application; then the same code again is refused.
        browser.open().usernamePassword(user, TestUsers.PASSWORD).tryAnotherWay("Recovery");
        typeCode(codes.get(6));
        assertTrue(browser.loggedIn(), browser.pageSource());
        browser.open().usernamePassword(user, TestUsers.PASSWORD).tryAnotherWay("Recovery");
        typeCode(codes.get(6));
        assertFalse(browser.loggedIn(), "a used code works once");
        assertTrue(browser.text(By.id("input-error-recovery-code")).contains("Invalid recovery code"), browser.pageSource());

        // At the SSH terminal prompt, where the TOTP code would go: the first, third and fifth, lower case.
        for (int i : new int[] {0, 2, 4}) {
            assertEquals("ok", atTerminal(user, codes.get(i).toLowerCase()), "code " + (i + 1));
        }
        assertEquals("refused", atTerminal(user, codes.get(6)), "used in the browser, refused at the terminal");
        assertEquals(4, remaining(user));

        // The fifth use leaves three: the login goes on through the warning, which offers a new set.
        browser.open().usernamePassword(user, TestUsers.PASSWORD).tryAnotherWay("Recovery");
        typeCode(codes.get(7));
        assertTrue(browser.text(By.id("recovery-codes-low")).contains("3 recovery codes left"), browser.pageSource());
        browser.submit(driver.findElement(By.id("recovery-codes-regenerate")));
        List<String> fresh = keepShownCodes(user);
        assertEquals(8, fresh.size());
        assertTrue(fresh.stream().noneMatch(codes::contains), "a new set");
        assertEquals("refused", atTerminal(user, codes.get(1)), "the old set is void");
        TerminalApi.Reply plenty = finishAtTerminal(user, fresh.get(3));
        assertEquals("ok", plenty.text("result"), plenty.body().toString());
        assertFalse(plenty.body().has("notice"), "no warning with 7 codes left: " + plenty.body());
        assertEquals(7, remaining(user));

        // At the terminal, the use that leaves three says so after the login, and where to get a new set.
        for (int i : new int[] {0, 1, 2}) {
            assertEquals("ok", atTerminal(user, fresh.get(i)));
        }
        TerminalApi.Reply low = finishAtTerminal(user, fresh.get(4));
        assertEquals("ok", low.text("result"), low.body().toString());
        assertTrue(low.text("notice").startsWith("You have 3 recovery codes left."), low.body().toString());
        assertTrue(low.text("notice").contains("mfa recovery-codes --regenerate"), low.body().toString());

        // "Later" on the browser's warning keeps the set: the warning, then logged in.
        browser.open().usernamePassword(user, TestUsers.PASSWORD).tryAnotherWay("Recovery");
        typeCode(fresh.get(5));
        assertTrue(browser.isPresent(By.id("recovery-codes-low")), browser.pageSource());
        browser.submit(driver.findElement(By.id("recovery-codes-later")));
        assertTrue(browser.loggedIn(), browser.pageSource());
        assertEquals(2, remaining(user));
    }

    @Test
    void oneCodeRacedTwentyTimesLetsOneLoginIn() throws Exception {
        String user = TestUsers.create(realm.admin(), "rc-race", "example.org", false,
                List.of(TestUsers.recoveryCodesCredential(List.of("RACE0000CODE", "RACE0000CODF", "RACE0000CODG",
                        "RACE0000CODH", "RACE0000CODI", "RACE0000CODJ"))));
        List<HttpLoginClient> logins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            logins.add(atRecoveryPage(user));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Boolean>> attempts = logins.stream().<Callable<Boolean>>map(login -> () -> {
                login.submit("kc-recovery-code-login-form", Map.of("recoveryCodeInput", "RACE-0000-CODF"));
                return login.last().statusCode() == 302 && login.location().contains("code=");
            }).toList();
            int in = 0;
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                in += attempt.get() ? 1 : 0;
            }
            assertEquals(1, in, "one code, one login");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, remaining(user), "the other codes are left");
    }

    @Test
    void codesKeycloakGeneratedBeforeThePackStillWorkInAnyOrder() throws Exception {
        List<String> codes = RecoveryAuthnCodesUtils.generateRawCodes();
        RecoveryAuthnCodesCredentialModel model = RecoveryAuthnCodesCredentialModel.createFromValues(codes,
                System.currentTimeMillis(), null);
        CredentialRepresentation stored = new CredentialRepresentation();
        stored.setType(model.getType());
        stored.setCredentialData(model.getCredentialData());
        stored.setSecretData(model.getSecretData());
        String user = TestUsers.create(realm.admin(), "rc-keycloak", "example.org", false, List.of(stored));

        HttpLoginClient login = atRecoveryPage(user);
        login.submit("kc-recovery-code-login-form", Map.of("recoveryCodeInput", codes.get(11)));
        assertTrue(login.location().contains("code="), "Keycloak's twelfth code first");
        assertEquals("ok", atTerminal(user, codes.get(3)));
        assertEquals(10, remaining(user));
    }

    @Test
    void anotherUsersCodeIsRefusedAndCountedLikeAWrongTotpCode() throws Exception {
        String owner = TestUsers.create(realm.admin(), "rc-owner", "example.org", false,
                List.of(TestUsers.recoveryCodesCredential(List.of("OWNER000CODE", "OWNER000CODF"))));
        String other = TestUsers.create(realm.admin(), "rc-other", "example.org", false,
                List.of(TestUsers.recoveryCodesCredential(List.of("OTHER000CODE", "OTHER000CODF"))));
        String otherId = TestUsers.id(realm.admin(), other);

        HttpLoginClient login = atRecoveryPage(other);
        login.submit("kc-recovery-code-login-form", Map.of("recoveryCodeInput", "OWNER000CODE"));
        assertEquals(200, login.last().statusCode(), "refused: the page again");
        assertTrue(login.last().body().contains("Invalid recovery code."), login.last().body());
        assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), otherId), "counted by the brute-force detector");
        List<EventRepresentation> errors = PushAdmin.events(realm.admin(), otherId, "LOGIN_ERROR");
        assertTrue(errors.stream().anyMatch(e -> "invalid_user_credentials".equals(e.getError())
                && "recovery-authn-codes".equals(e.getDetails().get("credential_type"))), errors.toString());
        assertEquals("refused", atTerminal(other, "OWNER000CODF"));
        assertEquals(2, remaining(owner), "the owner's codes are untouched");
        assertEquals(2, remaining(other));
        realm.admin().attackDetection().clearBruteForceForUser(otherId);
    }

    @Test
    void thePortalTakesARecoveryCodeInItsOneField() throws Exception {
        List<CredentialRepresentation> factors = List.of(TestUsers.totpCredential("phone"),
                TestUsers.recoveryCodesCredential(List.of("PORTAL00CODE", "PORTAL00CODF", "PORTAL00CODG")));
        String user = TestUsers.create(realm.admin(), "rc-portal", "example.org", false, factors);
        HttpLoginClient login = new HttpLoginClient();
        login.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.PORTAL, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        login.submit("kc-form-login", Map.of("username", user, "password", "portal00codg"));
        assertTrue(login.location().contains("code="), "the third code, first: " + login.last().body());
        assertEquals(2, remaining(user));
    }

    @Test
    void thePagesWorkUnderBothOfKeycloaksLoginThemes() throws Exception {
        try {
            for (String theme : List.of("keycloak", "keycloak.v2")) {
                org.keycloak.representations.idm.RealmRepresentation rep = realm.admin().toRepresentation();
                rep.setLoginTheme(theme);
                realm.admin().update(rep);
                String user = TestUsers.create(realm.admin(), "rc-theme", "example.org", false,
                        List.of(TestUsers.recoveryCodesCredential(List.of("THEME000CODE", "THEME000CODF",
                                "THEME000CODG", "THEME000CODH", "THEME000CODI"))));
                HttpLoginClient login = new HttpLoginClient();
                login.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/")
                        .authorizationUrl(Map.of("kc_action", "hpc-recovery-codes")));
                login.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
                assertTrue(login.last().body().contains("Any unused code works, in any order"), theme);
                login.submit("kc-recovery-code-login-form", Map.of("recoveryCodeInput", "THEME000CODX"));
                assertTrue(login.last().body().contains("id=\"input-error-recovery-code\""), theme + ": the error at the field");
                login.submit("kc-recovery-code-login-form", Map.of("recoveryCodeInput", "THEME000CODG"));
                org.hpcmfa.keycloak.it.push.PushEnrolment.follow(login, realm.getBaseUrl());
                String page = login.last().body();
                assertEquals(8, page.split("<li><code>", -1).length - 1, theme + ": the new set's 8 codes");
                assertTrue(page.contains("download=\"" + user + "_mfa-demo_recovery_codes.txt\""), theme);
                login.submit("kc-recovery-codes-settings-form", Map.of("kcRecoveryCodesConfirmationCheck", "on"));
                assertTrue(login.location().contains("code="), theme + ": kept, logged in");
                assertEquals(8, remaining(user), theme + ": the new set replaced the old one");
            }
        } finally {
            org.keycloak.representations.idm.RealmRepresentation rep = realm.admin().toRepresentation();
            rep.setLoginTheme("hpc-mfa");
            realm.admin().update(rep);
        }
    }

    /** At the application's login, after the password: the recovery-code page (the user's only second factor). */
    private HttpLoginClient atRecoveryPage(String user) throws Exception {
        HttpLoginClient login = new HttpLoginClient();
        login.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
        login.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
        login.formAction("kc-recovery-code-login-form");
        return login;
    }

    /** One answer at the SSH prompt through the gateway API: "ok" or "refused". */
    private String atTerminal(String user, String answer) throws Exception {
        TerminalApi.Reply finished = finishAtTerminal(user, answer);
        return finished.status() == 200 && "ok".equals(finished.text("result")) ? "ok" : "refused";
    }

    /** The gateway's whole answer to one code typed at the SSH prompt (the helper shows its notice after login). */
    private TerminalApi.Reply finishAtTerminal(String user, String answer) throws Exception {
        TerminalApi.Reply started = terminal.start(gatewayToken, user);
        assertEquals(200, started.status(), started.body().toString());
        return terminal.finish(gatewayToken, started.text("handle"), answer);
    }

    private void typeCode(String code) {
        driver.findElement(By.id("recoveryCodeInput")).sendKeys(code);
        browser.submit(driver.findElement(By.id("kc-login")));
    }

    /** The new set's page: its codes, the download's file name; then "I have saved these codes". */
    private List<String> keepShownCodes(String user) {
        assertTrue(browser.isPresent(By.id("kc-recovery-codes-list")), browser.pageSource());
        List<String> shown = driver.driver().findElements(By.cssSelector("#kc-recovery-codes-list li")).stream()
                .map(WebElement::getText).map(String::trim).toList();
        assertEquals(user + "_mfa-demo_recovery_codes.txt",
                driver.findElement(By.id("downloadRecoveryCodes")).getAttribute("download"));
        driver.findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        browser.submit(driver.findElement(By.id("saveRecoveryAuthnCodesBtn")));
        return shown;
    }

    private int remaining(String user) throws Exception {
        String id = TestUsers.id(realm.admin(), user);
        for (CredentialRepresentation credential : realm.admin().users().get(id).credentials()) {
            if ("recovery-authn-codes".equals(credential.getType())) {
                // Keycloak's field; TestUsers' hand-made sets name it "remaining" until their first use.
                com.fasterxml.jackson.databind.JsonNode data = JSON.readTree(credential.getCredentialData());
                return data.has("remainingCodes") ? data.get("remainingCodes").asInt() : data.path("remaining").asInt();
            }
        }
        return 0;
    }
}
