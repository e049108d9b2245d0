package org.hpcmfa.keycloak.it.adminconsole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.hpcmfa.keycloak.it.PackJars;
import org.hpcmfa.keycloak.it.browser.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Keycloak's admin console in Chromium, driven as an admin clicks through it: signed in as the test framework's
 * bootstrap admin (admin/admin in the master realm), working on another realm.
 */
final class AdminConsole implements AutoCloseable {

    static final String SERVER = "http://localhost:8080";

    private final Chromium chromium;
    private final String realm;

    private AdminConsole(Chromium chromium, String realm) {
        this.chromium = chromium;
        this.realm = realm;
    }

    static AdminConsole signIn(String realm) throws Exception {
        Chromium chromium = Chromium.start(Chromium.Viewport.DESKTOP, "en");
        chromium.driver().manage().window().setSize(new Dimension(1400, 1000));
        AdminConsole console = new AdminConsole(chromium, realm);
        chromium.driver().get(SERVER + "/admin/master/console/");
        console.waitFor(By.id("username"));
        chromium.driver().findElement(By.id("username")).sendKeys("admin");
        chromium.driver().findElement(By.id("password")).sendKeys("admin");
        chromium.driver().findElement(By.id("kc-login")).click();
        console.waitFor(By.cssSelector("[data-testid='currentRealm']"));
        return console;
    }

    Chromium chromium() {
        return chromium;
    }

    /** Opens a console route of the realm ({@code users/<id>/credentials}) as a fresh page load. */
    void open(String route) {
        chromium.driver().get(SERVER + "/admin/master/console/#/" + realm + "/" + route);
        chromium.driver().navigate().refresh(); // a hash change alone would keep the previous page's state
    }

    /**
     * Waits up to a minute: the console loads its data after the page, and on a busy test machine that can take
     * longer than the login pages' 15 s.
     */
    void waitUntil(String what, Supplier<Boolean> condition) {
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(60))
                .withMessage(() -> what + "; page: " + chromium.driver().getCurrentUrl() + "\n" + pageSource())
                .until(d -> condition.get());
    }

    void waitFor(By element) {
        waitUntil("waiting for " + element, () -> !chromium.driver().findElements(element).isEmpty());
    }

    WebElement find(By element) {
        waitFor(element);
        return chromium.driver().findElement(element);
    }

    /** Clicks {@code element} once it is there, again if the console re-rendered it in between. */
    void click(By element) {
        waitUntil("clicking " + element, () -> {
            try {
                chromium.driver().findElement(element).click();
                return true;
            } catch (WebDriverException notThereYet) {
                return false;
            }
        });
    }

    List<WebElement> findAll(By element) {
        return chromium.driver().findElements(element);
    }

    /** Turns a switch of an extension form on (PatternFly hides the checkbox behind its label). */
    void switchOn(String name) {
        WebElement input = find(By.id(name));
        if (!input.isSelected()) {
            chromium.driver().executeScript("arguments[0].click();", input);
        }
        waitUntil(name + " switched on", input::isSelected);
    }

    /** Clicks the extension form's Save and waits for the console's verdict; returns the alert's text. */
    String save() {
        int before = alerts().size();
        find(By.cssSelector("[data-testid='save']")).click();
        waitUntil("an alert after Save", () -> alerts().size() > before);
        List<WebElement> alerts = alerts();
        return alerts.get(alerts.size() - 1).getText();
    }

    private List<WebElement> alerts() {
        return chromium.driver().findElements(By.cssSelector(".pf-v5-c-alert"));
    }

    /** What the form's field {@code name} holds (a text area the provider filled, or a text input). */
    String value(String name) {
        return find(By.cssSelector("[data-testid='" + name + "']")).getAttribute("value");
    }

    /** Saves what the browser shows under {@code integration-tests/target/admin-console/<name>.png}. */
    Path screenshot(String name) throws Exception {
        Path file = PackJars.rootDir().resolve("integration-tests/target/admin-console/" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, chromium.screenshot());
        return file;
    }

    String pageSource() {
        return chromium.driver().getPageSource();
    }

    @Override
    public void close() throws Exception {
        chromium.close();
    }
}
