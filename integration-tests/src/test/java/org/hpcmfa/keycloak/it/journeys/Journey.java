package org.hpcmfa.keycloak.it.journeys;

import java.time.Duration;
import java.util.function.Supplier;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Steps every journey takes in the real browser: waiting for a page as a person would, the device-grant pages. */
final class Journey {

    private Journey() {
    }

    /** Waits (up to 15 s) until {@code condition} holds; the page's own JavaScript may be what makes it so. */
    static void waitUntil(Chromium browser, String what, Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).withMessage(() -> what + "; page: "
                + browser.driver().getCurrentUrl() + "\n" + browser.driver().getPageSource())
                .until(d -> condition.get());
    }

    static void waitFor(Chromium browser, By element) {
        waitUntil(browser, "waiting for " + element, () -> !browser.driver().findElements(element).isEmpty());
    }

    /** The device grant's browser half up to the second factor: the one-time URL, then the username. */
    static void openDeviceLogin(LoginDriver login, String verificationUrl, String username) {
        login.driver().cookies().deleteAll();
        login.driver().open(verificationUrl);
        if (login.isPresent(By.id("device-user-code"))) {
            login.driver().findElement(By.id("kc-login")).click();
        }
        login.driver().findElement(By.id("username")).sendKeys(username);
        login.driver().findElement(By.id("kc-login")).click();
    }

    /** After the second factor: the consent screen if the client asks for one, then Keycloak's success page. */
    static void finishDeviceLogin(Chromium browser, LoginDriver login) {
        waitUntil(browser, "the device login's consent or success page", () -> login.isPresent(By.id("kc-oauth"))
                || browser.driver().getPageSource().contains("Device Login Successful"));
        if (login.isPresent(By.id("kc-oauth"))) {
            login.driver().findElement(By.id("kc-login")).click();
        }
        waitUntil(browser, "Keycloak's device success page",
                () -> browser.driver().getPageSource().contains("Device Login Successful"));
    }
}
