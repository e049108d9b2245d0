package org.hpcmfa.keycloak.it.journeys;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.hpcmfa.keycloak.it.browser.PageShots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo realm's own people (alice, bob, dana, as demo/mfa-demo-realm.json imports them) in one Chromium per test:
 * each test starts from the people as imported, so a test that enrols or removes a factor leaves nothing behind for
 * the next one; and the steps every such journey takes (the Account Console, the mails, a phone's width).
 */
abstract class DemoPeopleJourney {

    /** The demo realm's people and their passwords, as demo/mfa-demo-realm.json imports them. */
    static final Map<String, String> DEMO_PASSWORDS = Map.of("alice", "alice-demo-pw", "bob", "bob-demo-pw");
    static final String LANDING = "/hpc-signed-in";

    Chromium chromium;

    /** The demo realm the subclass had injected. */
    abstract ManagedRealm realm();

    /** The mail server the subclass had injected. */
    abstract MailServer mail();

    /**
     * Other tests may have used the demo's people in this realm: each starts as imported (password only, no second
     * factor, no session, no lockout). Their accounts themselves, with their roles, stay as the import made them.
     */
    @BeforeEach
    void demoPeopleAsImported() {
        for (String username : List.of("alice", "bob", "dana")) {
            String id = TestUsers.id(realm().admin(), username);
            UserResource user = realm().admin().users().get(id);
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
            realm().admin().attackDetection().clearBruteForceForUser(id);
        }
        mail().runCleanup();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** The Account Console renders the person's name, never "Something went wrong". */
    void assertPortalShows(String name) {
        chromium.driver().get(realm().getBaseUrl() + "/account/");
        waitLong("the Account Console showing " + name, () -> bodyText().contains(name));
        assertFalse(bodyText().contains("Something went wrong"), bodyText());
    }

    /**
     * The Account Console's <em>Account security → Signing in</em>, and what it lists under the credential type
     * {@code type} (its section's rows: the devices' names, or "not set up").
     */
    String signingIn(String type) {
        By list = By.cssSelector("[data-testid='" + type + "/credential-list']");
        if (!chromium.driver().getCurrentUrl().endsWith("/account/account-security/signing-in")) {
            chromium.driver().get(realm().getBaseUrl() + "/account/account-security/signing-in");
        }
        waitLong("the Signing in page's " + type + " list", () -> !chromium.driver().findElements(list).isEmpty());
        assertFalse(bodyText().contains("Something went wrong"), bodyText());
        return chromium.driver().findElement(list).getText();
    }

    /** On Keycloak's TOTP set-up page: scans the QR code, names the device, then keeps the recovery codes. */
    AuthenticatorApp scanTotpAndKeepRecoveryCodes(String device) throws Exception {
        chromium.waitFor(By.id("kc-totp-secret-qr-code"));
        AuthenticatorApp phone = AuthenticatorApp.scanQrCode(
                chromium.driver().findElement(By.id("kc-totp-secret-qr-code")).getAttribute("src"));
        chromium.driver().findElement(By.id("totp")).sendKeys(phone.freshCode());
        chromium.driver().findElement(By.id("userLabel")).sendKeys(device);
        submit(By.id("saveTOTPBtn"));
        chromium.waitFor(By.id("kc-recovery-codes-list"));
        chromium.driver().findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        submit(By.id("saveRecoveryAuthnCodesBtn"));
        return phone;
    }

    /** The types of the user's stored credentials, as the admin API lists them. */
    List<String> types(String userId) {
        return realm().admin().users().get(userId).credentials().stream().map(CredentialRepresentation::getType)
                .toList();
    }

    /** The newest mail to {@code address}, waiting for it as a person watches the mailbox. */
    MimeMessage mailTo(String address) throws Exception {
        waitLong("a mail to " + address, () -> find(address) != null);
        return find(address);
    }

    private MimeMessage find(String address) {
        try {
            MimeMessage found = null;
            for (MimeMessage message : mail().getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    found = message;
                }
            }
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void phonePage(String page) {
        PageShots.assertUsableOnPhone(chromium, "demo " + page);
    }

    /** Clicks {@code button} and waits for the next page, as a person waits before reading it. */
    void submit(By button) {
        WebElement element = chromium.driver().findElement(button);
        element.click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(
                d -> d.findElements(button).isEmpty() || LoginDriver.isGone(element));
    }

    String text(By by) {
        return chromium.driver().findElement(by).getText().trim();
    }

    boolean shows(By by) {
        return !chromium.driver().findElements(by).isEmpty();
    }

    /**
     * The page's text and its fields' values (on a phone the Account Console folds the name out of its header; its
     * "Personal info" form holds it), read in one step: the Account Console redirects and redraws while it starts.
     */
    String bodyText() {
        Object text = chromium.driver().executeScript("return document.body ? document.body.innerText + '\\n'"
                + " + [...document.querySelectorAll('input')].map(i => i.value).join(' ') : '';");
        return text == null ? "" : text.toString();
    }

    /** The Account Console is a JavaScript application: on a busy machine its first page takes a while. */
    void waitLong(String what, Supplier<Boolean> condition) {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(60)).withMessage(() -> what + "; page: "
                + chromium.driver().getCurrentUrl() + "\n" + bodyText()).until(d -> condition.get());
    }
}
