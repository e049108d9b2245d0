package org.hpcmfa.keycloak.it.browser;

import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A FIDO2 authenticator inside Chromium, through the DevTools WebAuthn domain: it answers the page's
 * {@code navigator.credentials.create/get} as a plugged-in security key would, with the user present and verified
 * (a touch and a PIN). Removing it is unplugging the key: the browser then has nothing to answer with.
 */
public final class VirtualAuthenticator {

    private final ChromeDriver driver;
    private final String id;

    private VirtualAuthenticator(ChromeDriver driver, String id) {
        this.driver = driver;
        this.id = id;
    }

    /** Plugs a CTAP2 USB key into {@code browser}: it can hold passkeys (resident keys) and verifies its user. */
    public static VirtualAuthenticator plugInto(Chromium browser) {
        ChromeDriver driver = browser.driver();
        driver.executeCdpCommand("WebAuthn.enable", Map.of("enableUI", false));
        Map<String, Object> added = driver.executeCdpCommand("WebAuthn.addVirtualAuthenticator", Map.of("options",
                Map.of("protocol", "ctap2", "transport", "usb", "hasResidentKey", true, "hasUserVerification", true,
                        "isUserVerified", true, "automaticPresenceSimulation", true)));
        return new VirtualAuthenticator(driver, String.valueOf(added.get("authenticatorId")));
    }

    /** The credentials the key holds (one per registration, whatever Keycloak did with it since). */
    @SuppressWarnings("unchecked")
    public int credentialCount() {
        Map<String, Object> answer = driver.executeCdpCommand("WebAuthn.getCredentials", Map.of("authenticatorId", id));
        return ((List<Object>) answer.get("credentials")).size();
    }

    /** Unplugs the key. */
    public void unplug() {
        driver.executeCdpCommand("WebAuthn.removeVirtualAuthenticator", Map.of("authenticatorId", id));
    }
}
