package org.hpcmfa.keycloak.it.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hpcmfa.keycloak.it.PackJars;

/**
 * Screenshots of the pack's pages into {@code integration-tests/target/screenshots/} (copied to the committed
 * {@code docs/screenshots/} by {@code docs/refresh-screenshots.sh}, never by a test run), and the check that a
 * page is usable on a 360 px wide phone: nothing wider than the screen, every field and button on screen and big
 * enough to tap.
 */
public final class PageShots {

    private static final String LAYOUT_PROBE = """
            const w = window.innerWidth;
            const controls = [...document.querySelectorAll(
                'input:not([type=hidden]), button, select, textarea, .pf-v5-c-button, .btn, [role=button]')]
              .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden');
            // A radio button or checkbox is tapped through its label: the label must be big enough.
            const target = e => (e.type === 'radio' || e.type === 'checkbox') && e.labels && e.labels.length
                ? e.labels[0] : e;
            const off = controls.map(e => {
                const r = target(e).getBoundingClientRect();
                return {what: e.id || e.name || e.tagName, left: Math.round(r.left), right: Math.round(r.right),
                        height: Math.round(r.height)};
              }).filter(r => r.left < -1 || r.right > w + 1 || r.height < 18);
            return {viewport: w, pageWidth: document.documentElement.scrollWidth, controls: controls.length,
                    offending: JSON.stringify(off)};
            """;

    private PageShots() {
    }

    /** Build output: a test run never changes the checkout. */
    public static Path dir() {
        String configured = System.getProperty("screenshots.dir");
        return configured != null ? Path.of(configured)
                : PackJars.rootDir().resolve("integration-tests/target/screenshots");
    }

    /** Saves what the browser shows as {@code <dir>/<name>.png}, once web fonts have loaded. */
    public static Path save(Chromium browser, String name) throws Exception {
        browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " (document.fonts ? document.fonts.ready : Promise.resolve()).then(() => setTimeout(done, 150));");
        Path file = dir().resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, browser.screenshot());
        return file;
    }

    /** Fails unless the page fits a phone's width and its controls can be reached and tapped there. */
    @SuppressWarnings("unchecked")
    public static void assertUsableOnPhone(Chromium browser, String page) {
        Map<String, Object> probe = (Map<String, Object>) browser.driver().executeScript(LAYOUT_PROBE);
        long viewport = ((Number) probe.get("viewport")).longValue();
        long width = ((Number) probe.get("pageWidth")).longValue();
        assertTrue(width <= viewport + 1, page + " is " + width + " px wide on a " + viewport + " px phone");
        assertTrue(((Number) probe.get("controls")).intValue() > 0, page + " shows no control at all");
        assertTrue("[]".equals(probe.get("offending")), page + ": controls off screen or too small to tap: "
                + probe.get("offending"));
    }
}
