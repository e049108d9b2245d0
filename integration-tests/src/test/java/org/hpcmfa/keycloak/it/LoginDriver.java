package org.hpcmfa.keycloak.it;

import java.time.Duration;
import java.util.Map;

import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Drives the demo realm's login pages in the web driver, as a person would. */
public final class LoginDriver {

    /** The MFA portal: the realm's portal login (registration token, then TOTP). */
    public static final String PORTAL = "mfa-portal";
    /** Any other web application of the centre: password and a second factor. */
    public static final String APP = "research-app";

    private final ManagedWebDriver driver;
    private final ManagedRealm realm;
    private BrowserLogin login;

    public LoginDriver(ManagedWebDriver driver, ManagedRealm realm) {
        this.driver = driver;
        this.realm = realm;
    }

    /** A new browser session at the login page of {@code clientId}. */
    public LoginDriver open(String clientId, Map<String, String> extraParams) {
        driver.cookies().deleteAll();
        login = new BrowserLogin(realm.getBaseUrl(), clientId, realm.getBaseUrl() + "/");
        driver.open(login.authorizationUrl(extraParams));
        return this;
    }

    /**
     * The login page of {@code clientId} in the same browser session, keeping its cookies: with an SSO session
     * Keycloak logs in without a form, unless the request demands re-authentication.
     */
    public LoginDriver openInSameSession(String clientId, Map<String, String> extraParams) {
        login = new BrowserLogin(realm.getBaseUrl(), clientId, realm.getBaseUrl() + "/");
        driver.open(login.authorizationUrl(extraParams));
        return this;
    }

    /** The login form when Keycloak asks a signed-in user to re-authenticate: it shows the username, asks the password. */
    public LoginDriver password(String password) {
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        return this;
    }

    /** A new browser session at the research application's login (password and a second factor). */
    public LoginDriver open(Map<String, String> extraParams) {
        return open(APP, extraParams);
    }

    public LoginDriver open() {
        return open(APP, Map.of());
    }

    /** A new browser session at the MFA portal's login. */
    public LoginDriver openPortal() {
        return open(PORTAL, Map.of());
    }

    public LoginDriver usernamePassword(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        submit(driver.findElement(By.id("kc-login")));
        return this;
    }

    public LoginDriver emailCode(String code) {
        WebElement input = driver.findElement(By.id("emailCode"));
        input.clear();
        input.sendKeys(code);
        submit(driver.findElement(By.id("kc-login")));
        return this;
    }

    public LoginDriver totp(String code) {
        driver.findElement(By.id("otp")).sendKeys(code);
        submit(driver.findElement(By.id("kc-login")));
        return this;
    }

    /** Presses "Send a new code" the way a browser without JavaScript would, ignoring the countdown. */
    public LoginDriver resendIgnoringCountdown() {
        ((JavascriptExecutor) driver.driver())
                .executeScript("document.getElementById('kc-email-otp-resend-form').submit();");
        return this;
    }

    /** On the enrolment's "choose your second factor" page (shown when more than TOTP is offered), picks one. */
    public LoginDriver chooseFactorIfAsked(String requiredAction) {
        if (!loggedIn() && isPresent(By.id("kc-enrol-choose-form"))) {
            submit(driver.findElement(By.id("factor-" + requiredAction)));
        }
        return this;
    }

    /**
     * "Try another way", then the alternative whose title contains {@code title} (e.g. "Email code"), in either
     * login theme's list.
     */
    public LoginDriver tryAnotherWay(String title) {
        submit(driver.findElement(By.id("try-another-way")));
        submit(driver.findElement(By.xpath("//*[(self::h2 or contains(@class,'select-auth-box-headline'))"
                + " and contains(normalize-space(.), '" + title + "')]/ancestor::*[@onclick][1]")));
        return this;
    }

    /**
     * Clicks a submit button and waits until the browser has left the page (the button went stale): a real
     * browser returns from the click before the next page has loaded, HtmlUnit after.
     */
    public void submit(WebElement button) {
        button.click();
        try {
            new WebDriverWait(driver.driver(), Duration.ofSeconds(10)).until(d -> isGone(button));
        } catch (TimeoutException stayed) {
            // The page did not change (a check in the page itself refused the input): the caller looks at it.
        }
    }

    /**
     * Whether the page that held {@code element} has been replaced. Chromium sometimes answers a check made while
     * the next page is loading with "Node with given id does not belong to the document" instead of a stale
     * reference: that also means the old page is gone.
     */
    public static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException during) {
            if (String.valueOf(during.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw during;
        }
    }

    public boolean onEmailCodePage() {
        return !loggedIn() && isPresent(By.id("kc-email-otp-resend-form"));
    }

    public boolean hasCodeInput() {
        return !loggedIn() && isPresent(By.id("emailCode"));
    }

    public boolean isPresent(By by) {
        try {
            driver.findElement(by);
            return true;
        } catch (NoSuchElementException absent) {
            return false;
        } catch (IllegalStateException notAPageYet) {
            // HtmlUnit between two pages (a form the page's script submits): not there yet, ask again.
            return false;
        }
    }

    public String text(By by) {
        return driver.findElement(by).getText().trim();
    }

    /**
     * The new set of recovery codes that follows an enrolment (authenticator-recovery-codes), kept as a person
     * keeps it; returns the codes shown, none when the page did not come.
     */
    public java.util.List<String> keepRecoveryCodesIfShown() {
        if (!isPresent(By.id("kc-recovery-codes-list"))) {
            return java.util.List.of();
        }
        java.util.List<String> codes = driver.driver().findElements(By.cssSelector("#kc-recovery-codes-list li")).stream()
                .map(WebElement::getText).map(String::trim).toList();
        driver.findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        submit(driver.findElement(By.id("saveRecoveryAuthnCodesBtn")));
        return codes;
    }

    public String pageSource() {
        return driver.page().getPageSource();
    }

    public boolean loggedIn() {
        return driver.getCurrentUrl().contains("code=") && driver.getCurrentUrl().startsWith(realm.getBaseUrl() + "/?");
    }

    /** Redeems the authorization code the browser landed with; fails if there is none. */
    public com.fasterxml.jackson.databind.JsonNode tokens() throws Exception {
        return login.redeem(driver.getCurrentUrl());
    }

    public void refresh() {
        driver.driver().navigate().refresh();
    }

    public void back() {
        driver.driver().navigate().back();
    }

    public ManagedWebDriver driver() {
        return driver;
    }
}
