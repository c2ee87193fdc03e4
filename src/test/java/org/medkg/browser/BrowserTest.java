package org.medkg.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medkg.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person in a real browser (Debian's headless Chromium through chromedriver): opens the home page, searches for
 * a model, follows it to its page, sees its lineage drawn, and clicks through to the base model.
 * Screenshots go to target/screenshots/.
 */
class BrowserTest {
    @TempDir static Path tmp;
    static TestServer server;
    static ChromeDriver driver;
    static final Path SHOTS = Path.of("target/screenshots");

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "valid/minimal", 10_000);
        driver = org.medkg.testing.Browsers.chromium(tmp.resolve("chrome-profile"), "1280,1400");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        server.close();
    }

    static void screenshot(String name) throws IOException {
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void searchFollowAndClickThroughLineage() throws IOException {
        driver.get(server.base + "/browse");
        assertTrue(driver.getTitle().startsWith("medkg"));
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("models"));

        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("meditron");
        q.sendKeys(Keys.ENTER);
        assertTrue(driver.getCurrentUrl().contains("/browse/search?q=meditron"), driver.getCurrentUrl());
        driver.findElement(By.linkText("MEDITRON-70B")).click();

        assertEquals("MEDITRON-70B", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.getCurrentUrl().endsWith("/id/model/meditron-70b"), driver.getCurrentUrl());
        WebElement svg = driver.findElement(By.cssSelector("figure svg.lineage"));
        List<String> ids = svg.findElements(By.cssSelector("a.node")).stream().map(e -> e.getDomAttribute("data-id")).toList();
        assertTrue(ids.containsAll(List.of("meditron-70b", "llama-2-70b")), ids.toString());
        assertTrue(svg.findElements(By.cssSelector("path.edge")).size() >= 1, "the edge is drawn");
        assertTrue(svg.getSize().getWidth() > 100 && svg.getSize().getHeight() > 60, "the picture is rendered with a size");
        screenshot("model-page-meditron-70b");

        svg.findElement(By.cssSelector("a.node[data-id='llama-2-70b']")).click();
        assertEquals("Llama-2-70B", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.getCurrentUrl().endsWith("/id/model/llama-2-70b"), driver.getCurrentUrl());
        screenshot("base-model-page-llama-2-70b");
    }

    @Test
    void familyPictureShowsEverythingBuiltOnIt() throws IOException {
        driver.get(server.base + "/id/family/llama-2?depth=3");
        WebElement svg = driver.findElement(By.cssSelector("figure svg.lineage"));
        List<String> ids = svg.findElements(By.cssSelector("a.node")).stream().map(e -> e.getDomAttribute("data-id")).toList();
        assertTrue(ids.containsAll(List.of("llama-2-70b", "llama-2-7b", "meditron-70b", "meditron-7b")), ids.toString());
        screenshot("family-llama-2");
    }

    @Test
    void fusekiUiListsTheDataset() throws IOException {
        driver.get(server.base + "/");
        long deadline = System.currentTimeMillis() + 20_000;
        String text = "";
        while (System.currentTimeMillis() < deadline) {        // the UI is a single-page app: wait for it to render
            text = driver.findElement(By.tagName("body")).getText();
            if (text.contains("/medkg")) break;
            try { Thread.sleep(200); } catch (InterruptedException e) { Thread.currentThread().interrupt(); break; }
        }
        screenshot("fuseki-ui");
        assertTrue(text.contains("/medkg"), "the UI lists the dataset: " + text);
    }

    /** A page served from another origin queries the endpoint with fetch() in Chromium and reads the result (CORS). */
    @Test
    void pageOnAnotherOriginQueriesTheEndpoint() throws Exception {
        String query = java.net.URLEncoder.encode("SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/medkg/ontology#Model> }",
                java.nio.charset.StandardCharsets.UTF_8);
        String page = "<!DOCTYPE html><html><body><p id=\"result\">waiting</p><script>"
                + "fetch('" + server.base + "/medkg/sparql?query=" + query + "', {headers: {'Accept': 'application/sparql-results+json'}})"
                + ".then(r => r.json()).then(j => { document.getElementById('result').textContent = 'models: ' + j.results.bindings[0].n.value; })"
                + ".catch(e => { document.getElementById('result').textContent = 'error: ' + e; });"
                + "</script></body></html>";
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", ex -> {
            byte[] b = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            try (var o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        other.start();
        try {
            driver.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");
            String text = "";
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                text = driver.findElement(By.id("result")).getText();
                if (!text.equals("waiting")) break;
                Thread.sleep(100);
            }
            assertTrue(text.matches("models: [1-9][0-9]*"), "the cross-origin page read the result: " + text);
            screenshot("cross-origin-page");
        } finally {
            other.stop(0);
        }
    }
}
