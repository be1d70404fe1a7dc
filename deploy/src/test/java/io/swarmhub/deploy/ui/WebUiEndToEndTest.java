package io.swarmhub.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in the system's headless Chromium against a real swarm (embedded broker, coordinator
 * with HTTP, two nodes on the 100 ms demo objective): the campaign page counts experiments and
 * follows the best without a reload, an experiment page shows its diff. Screenshots of every page
 * go to {@code target/ui-screenshots/}. Skipped where Chromium or its driver is not installed.
 */
@Timeout(120)
class WebUiEndToEndTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "ui-screenshots");

    @TempDir
    Path tmp;

    private LocalSwarm swarm;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install -y chromium chromium-driver)");
        Files.createDirectories(SHOTS);
        swarm = new LocalSwarm(tmp.resolve("swarm"), 2, 1, "adopt", 7);
        swarm.start(null, 0, 0, 0);
        browser = chromium();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (swarm != null) {
            swarm.close();
        }
    }

    /** Chromium through Debian's chromedriver, named explicitly so Selenium never downloads one. */
    private ChromeDriver chromium() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ui-chromium-profile");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1700", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return driver;
    }

    private Campaign demoCampaign() throws Exception {
        Path from = Path.of("..", "examples", "swarm-demo").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(tmp.resolve("campaign"));
        for (String f : List.of("campaign.yaml", "params.properties", "program.md")) {
            Files.copy(from.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return CampaignLoader.load(dir.resolve("campaign.yaml"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static long number(String shown) {
        String digits = shown.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private void wait(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private void shoot(String name) throws Exception {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void campaignPage_followsTheSwarmLiveAndOpensAnExperimentDiff() throws Exception {
        Campaign campaign = demoCampaign();
        String id = swarm.launch(campaign, tmp.resolve("campaign").resolve("campaign.yaml"));
        String base = swarm.httpAddress();

        browser.get(base + "/campaigns/" + id);
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
        wait(Duration.ofSeconds(30), "the first experiments on the campaign page", () -> number(text("experiment-count")) > 0
                && !text("best-metric").equals("—"));
        long count = number(text("experiment-count"));
        String best = text("best-metric");

        wait(Duration.ofSeconds(40), "the count and the best to move without a reload (were " + count + ", " + best + ")",
                () -> number(text("experiment-count")) >= count + 10 && !text("best-metric").equals(best));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;"),
                "the page was not reloaded");
        assertTrue(text("live").contains("live"), "the live indicator: " + text("live"));
        wait(Duration.ofSeconds(10), "findings and the open best lineage",
                () -> browser.findElements(By.cssSelector("#leaderboard-rows a")).size() >= 2
                        && browser.findElements(By.cssSelector("#tree .trow.best")).size() >= 2);
        shoot("campaign");
        browser.findElement(By.cssSelector("#x-mode button[data-v=time]")).click();
        browser.findElement(By.cssSelector("#color-mode button[data-v=node]")).click();
        wait(Duration.ofSeconds(5), "the legend by node", () -> text("chart-legend").contains("node-1"));
        shoot("campaign-by-time-and-node");

        String campaignUrl = browser.getCurrentUrl();
        wait(Duration.ofSeconds(10), "a click on the top finding (the table follows the stream)", () -> {
            try {
                browser.findElements(By.cssSelector("#leaderboard-rows a")).get(0).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });
        // New findings re-render the table while the click happens, so the link under the pointer may
        // already be a newer finding than the one read: whichever finding it opened must show its diff.
        wait(Duration.ofSeconds(30), "an experiment page with its diff",
                () -> browser.getCurrentUrl().startsWith(campaignUrl + "/experiments/")
                        && !browser.findElements(By.cssSelector("#diff .line.add")).isEmpty());
        String topHref = browser.getCurrentUrl();
        String diff = browser.findElement(By.id("diff")).getText();
        assertTrue(diff.contains("+x") && diff.contains("-x"), "a parameter changed in the diff:\n" + diff);
        assertTrue(text("checkout-cmd").startsWith("swarm checkout " + topHref.substring(topHref.lastIndexOf('/') + 1)),
                text("checkout-cmd"));
        assertTrue(browser.findElements(By.cssSelector("#lineage a.crumb")).size() >= 2, "a lineage breadcrumb");
        assertNotEquals("—", text("exp-metric"));
        shoot("experiment");

        browser.get(base + "/");
        wait(Duration.ofSeconds(10), "the campaign row", () -> !browser.findElements(By.cssSelector("tr[data-campaign]")).isEmpty());
        assertTrue(browser.findElement(By.id("campaign-rows")).getText().contains("swarm-demo"));
        shoot("campaigns");

        browser.get(base + "/nodes");
        wait(Duration.ofSeconds(10), "both nodes", () -> browser.findElements(By.cssSelector("tr[data-node]")).size() == 2);
        shoot("nodes");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(errors.isEmpty(), "browser errors:\n" + errors.stream().map(LogEntry::getMessage)
                .collect(Collectors.joining("\n")));
    }
}
