package org.hpcmfa.keycloak.it.journeys;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.openqa.selenium.By;

/** Steps every journey takes in the real browser: waiting for a page as a person would, the device-grant pages. */
final class Journey {

    private Journey() {
    }

    /**
     * After the second factor: the SSH key review ("Approve"), the consent screen if the client asks for one, then
     * Keycloak's success page.
     */
    static void finishDeviceLogin(Chromium browser, LoginDriver login) {
        browser.waitUntil("the device login's key review, consent or success page",
                () -> login.isPresent(By.id("kc-key-review-approve")) || login.isPresent(By.id("kc-oauth"))
                        || browser.driver().getPageSource().contains("Device Login Successful"));
        if (login.isPresent(By.id("kc-key-review-approve"))) {
            login.submit(login.driver().findElement(By.id("kc-key-review-approve")));
            browser.waitUntil("the device login's consent or success page", () -> login.isPresent(By.id("kc-oauth"))
                    || browser.driver().getPageSource().contains("Device Login Successful"));
        }
        if (login.isPresent(By.id("kc-oauth"))) {
            login.driver().findElement(By.id("kc-login")).click();
        }
        browser.waitUntil("Keycloak's device success page",
                () -> browser.driver().getPageSource().contains("Device Login Successful"));
    }
}
