package org.hpcmfa.keycloak.it.passwordotp;

import java.util.Map;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The demo's CISM login (client cism-jupyterlab, flow cism-login) driven as a person would, by element id. */
final class CismForm {

    static final String CLIENT = "cism-jupyterlab";
    static final String INVALID = "Invalid username, password or code.";
    static final String CODE_MISSING = "Enter the code from your authenticator app.";

    private final ManagedWebDriver driver;
    private final LoginDriver browser;

    CismForm(ManagedWebDriver driver, ManagedRealm realm) {
        this.driver = driver;
        this.browser = new LoginDriver(driver, realm);
    }

    /** A new browser session at the login page. */
    CismForm open() {
        return open(Map.of());
    }

    /** The same with extra authorization parameters, e.g. {@code kc_action=CONFIGURE_TOTP} (the app's "set up" link). */
    CismForm open(Map<String, String> extraParams) {
        browser.open(CLIENT, extraParams);
        return this;
    }

    /** Fills the three fields (the page keeps the username of a refused attempt) and signs in. */
    CismForm submit(String username, String password, String otp) {
        type("username", username);
        type("password", password);
        type("otp", otp);
        driver.findElement(By.id("kc-login")).click();
        return this;
    }

    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        if (value != null && !value.isEmpty()) {
            input.sendKeys(value);
        }
    }

    /** The error shown for username, password, code or lockout; empty when there is none. */
    String credentialsError() {
        return browser.isPresent(By.id("input-error")) ? browser.text(By.id("input-error")) : "";
    }

    /** The error shown at the OTP field (missing code, clock skew); empty when there is none. */
    String otpError() {
        return browser.isPresent(By.id("input-error-otp")) ? browser.text(By.id("input-error-otp")) : "";
    }

    LoginDriver browser() {
        return browser;
    }
}
