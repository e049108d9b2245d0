package org.hpcmfa.keycloak.it.browser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One pass of the screenshot gallery: one login theme, one language, one viewport. Every page shot is saved under
 * {@code target/screenshots/<theme>/<language>[-360px]/}, and on the phone viewport also checked for usability.
 */
public final class Gallery {

    private final Chromium browser;
    private final String folder;
    private final boolean phone;
    private final List<String> shots = new ArrayList<>();

    public Gallery(Chromium browser, String theme, String language, Chromium.Viewport viewport) {
        this.browser = browser;
        this.phone = viewport == Chromium.Viewport.MOBILE;
        this.folder = theme + "/" + language + (phone ? "-360px" : "");
    }

    /** Waits until the page shows {@code element} (the page a click led to has loaded), then shoots it. */
    public void shot(String name, org.openqa.selenium.By element) throws Exception {
        browser.waitFor(element);
        shot(name);
    }

    /** The page the browser shows now, as {@code name}. */
    public void shot(String name) throws Exception {
        if (phone) {
            PageShots.assertUsableOnPhone(browser, folder + "/" + name);
        }
        PageShots.save(browser, folder + "/" + name);
        shots.add(name);
    }

    /** An HTML email, rendered as a mail client would show it. */
    public void mail(String name, String html) throws Exception {
        browser.driver().get("data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
        PageShots.save(browser, folder + "/" + name);
        shots.add(name);
    }

    public List<String> shots() {
        return shots;
    }
}
