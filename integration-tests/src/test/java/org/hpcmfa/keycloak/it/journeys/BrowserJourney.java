package org.hpcmfa.keycloak.it.journeys;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.CHROMIUM;
import org.hpcmfa.keycloak.it.prerequisites.Needs;

import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.realm.ManagedRealm;

/** A journey in a fresh Chromium for every test: no cookie or session of one test reaches the next. */
@Needs(CHROMIUM)
abstract class BrowserJourney {

    Chromium chromium;
    LoginDriver browser;

    /** The demo realm the subclass had injected. */
    abstract ManagedRealm realm();

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        browser = new LoginDriver(chromium.managed(), realm());
    }

    @AfterEach
    void closeBrowser() throws Exception {
        chromium.close();
    }
}
