package org.hpcmfa.keycloak.it.accountrecovery;

import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.ACTION;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.linkIn;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.mailTo;
import static org.hpcmfa.keycloak.it.accountrecovery.DisableMfaAdmin.mailsTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * The steps of "Disable two-factor login" in the browser, as a person takes them. The tests' users live at
 * {@value #DOMAIN}, where the tests allow no email codes, so TOTP and push are their only second factors.
 */
final class DisableMfaPages {

    static final String DOMAIN = "example.net";
    static final String USED = "This confirmation link was already used.";
    static final String EXPIRED = "This confirmation link has expired.";
    static final String INVALID = "This confirmation link is not valid.";

    private final LoginDriver browser;
    private final ManagedWebDriver driver;
    private final MailServer mail;

    DisableMfaPages(LoginDriver browser, ManagedWebDriver driver, MailServer mail) {
        this.browser = browser;
        this.driver = driver;
        this.mail = mail;
    }

    /** The start URL of the portal's "Disable" button, in a new browser session. */
    LoginDriver start() {
        return browser.open(LoginDriver.APP, Map.of("kc_action", ACTION));
    }

    static String email(String username) {
        return username + "@" + DOMAIN;
    }

    /** On the request page: presses "Send confirmation email", reads the mail, presses "Continue"; the link. */
    String sendLink(String user) throws Exception {
        int before = mailsTo(mail, email(user)).size();
        driver.findElement(By.id("kc-disable-mfa-send")).click();
        assertTrue(browser.text(By.id("disable-mfa-sent")).contains("Confirmation email sent to " + email(user)),
                browser.pageSource());
        MimeMessage message = mailTo(mail, email(user), before);
        assertNotNull(message, "no confirmation mail to " + email(user));
        driver.findElement(By.id("kc-disable-mfa-continue")).click();
        assertTrue(browser.loggedIn() && driver.getCurrentUrl().contains("kc_action_status=success"),
                driver.getCurrentUrl());
        return linkIn(message);
    }
}
