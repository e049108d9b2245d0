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
            // The phone's width, not window.innerWidth: a page wider than the phone makes the phone zoom out, and
            // innerWidth grows with the page (a 360 px phone then reports 543 px and the page seems to fit).
            const w = screen.width;
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
            // What makes the page wider than the phone (even hidden: a hidden tooltip still widens it), and boxes
            // that scroll sideways inside the page.
            const name = e => (e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + String(e.className).trim()
                .split(/\\s+/).join('.')).slice(0, 80);
            const wide = [];
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              const style = getComputedStyle(e);
              if (r.width > 1 && (r.right > w + 1 || r.left < -1)) {
                wide.push(name(e) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
              } else if (['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1) {
                wide.push(name(e) + ' scrolls sideways: ' + e.scrollWidth + ' > ' + e.clientWidth);
              }
            }
            return {viewport: w, layoutWidth: window.innerWidth, pageWidth: document.documentElement.scrollWidth,
                    controls: controls.length, offending: JSON.stringify(off), wide: JSON.stringify(wide.slice(0, 8))};
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
        long width = Math.max(((Number) probe.get("pageWidth")).longValue(), ((Number) probe.get("layoutWidth")).longValue());
        assertTrue(width <= viewport + 1 && "[]".equals(probe.get("wide")), page + " is " + width + " px wide on a "
                + viewport + " px phone (horizontal scrolling); too wide: " + probe.get("wide"));
        assertTrue(((Number) probe.get("controls")).intValue() > 0, page + " shows no control at all");
        assertTrue("[]".equals(probe.get("offending")), page + ": controls off screen or too small to tap: "
                + probe.get("offending"));
    }
}
