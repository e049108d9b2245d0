package org.hpcmfa.keycloak.it.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium: the real browser for pages whose
 * JavaScript matters (the push page that advances by itself, the Account Console, downloads) and for screenshots.
 * Nothing is downloaded at run time: the driver and the binary are named, Selenium Manager stays offline, and the
 * background-networking flags keep Chromium off this machine's closed network.
 */
public final class Chromium implements AutoCloseable {

    public static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    public static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    /** A desktop window, and the narrow phone the pages must stay usable on. */
    public enum Viewport {
        DESKTOP(1024, 800), MOBILE(360, 740);

        final int width;
        final int height;

        Viewport(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final ChromeDriver driver;
    private final ManagedWebDriver managed;
    private final Path profile;
    private final Path downloads;

    private Chromium(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.managed = new ManagedWebDriver(driver);
        this.profile = profile;
        this.downloads = downloads;
    }

    /** A fresh browser (empty profile, no cookies) that asks for pages in {@code language}. */
    public static Chromium start(Viewport viewport, String language) throws Exception {
        if (!Files.isExecutable(Path.of(BINARY)) || !Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException("Chromium is not installed: apt-get install chromium chromium-driver"
                    + " (.ci/run does this)");
        }
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory("chromium-profile");
        Path downloads = Files.createTempDirectory("chromium-downloads");
        ChromeOptions options = new ChromeOptions().setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--hide-scrollbars", "--lang=" + language,
                "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", language);
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        if (viewport == Viewport.MOBILE) {
            // A phone's viewport (meta viewport honoured, touch), not just a narrow desktop window.
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", viewport.width, "height", viewport.height, "pixelRatio", 1.0, "touch", true)));
        }
        options.setExperimentalOption("excludeSwitches", List.of("enable-automation"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (viewport == Viewport.DESKTOP) {
            driver.manage().window().setSize(new Dimension(viewport.width, viewport.height));
        }
        driver.manage().timeouts().implicitlyWait(Duration.ZERO).pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile, downloads);
    }

    public ManagedWebDriver managed() {
        return managed;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    /** Waits (up to 15 s) until {@code condition} holds; the page's own JavaScript may be what makes it so. */
    public void waitUntil(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .withMessage(() -> what + "; page: " + driver.getCurrentUrl() + "\n" + driver.getPageSource())
                .until(d -> condition.get());
    }

    /** Waits until the page shows {@code element}: the page a click led to has loaded. */
    public void waitFor(By element) {
        waitUntil("waiting for " + element, () -> !driver.findElements(element).isEmpty());
    }

    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            Files.walk(profile).sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
