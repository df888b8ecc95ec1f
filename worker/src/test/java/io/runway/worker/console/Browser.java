package io.runway.worker.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian chromium + chromium-driver) driven over WebDriver, signed
 * in as one demo user at a time; screenshots land in target/screenshots/.
 */
public final class Browser implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  public Browser(int port) {
    try {
      profile = Files.createTempDirectory("runway-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + profile.toAbsolutePath());
    // the page's console messages, so tests can see errors a person would find in the developer tools
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1440, 1000));
    base = "http://localhost:" + port;
  }

  public WebDriver driver() {
    return driver;
  }

  public Object script(String javascript, Object... arguments) {
    return driver.executeScript(javascript, arguments);
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public String path() {
    return driver.getCurrentUrl().substring(base.length());
  }

  /** Signs out whoever is signed in and signs in as {@code user} through the login form. */
  public void signIn(String user) {
    driver.manage().deleteAllCookies();
    open("/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(d -> d.getCurrentUrl().contains("/console/inbox"));
  }

  public WebElement find(By by) {
    return waitFor(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  public boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  public <T> T waitFor(Function<WebDriver, T> condition) {
    return waitFor(Duration.ofSeconds(60), condition);
  }

  public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
    try {
      // a page that navigates or swaps while the condition reads it leaves stale elements: read again
      return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      String name = "failed-" + System.currentTimeMillis();
      screenshot(name);
      try {
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
      } catch (IOException io) {
        e.addSuppressed(io);
      }
      throw new AssertionError("timed out on " + path() + "; page saved as target/screenshots/" + name + ".png/.html", e);
    }
  }

  /**
   * Waits until the page text contains {@code text}, for htmx swaps and eventually consistent reads;
   * generous, because a decision waits on the workflow, which the whole suite keeps busy on 2 cores.
   */
  public void waitForText(String text) {
    waitFor(d -> d.findElement(By.tagName("body")).getText().contains(text));
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      // the whole page, not only the window
      long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
      Dimension window = driver.manage().window().getSize();
      driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height + 120, 700), 4000)));
      driver.executeScript("window.scrollTo(0, 0)");
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(window);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
