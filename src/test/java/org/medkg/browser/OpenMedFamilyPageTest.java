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
import org.medkg.render.LineageGraphs;
import org.medkg.server.EntityPage;
import org.medkg.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The OpenMed family at real size (the catalog with its imports: over a thousand PII models) in headless Chromium
 * at 1366x768: the picture folds exports into their models and caps its boxes with "N more", the member list is
 * paginated, and the page does not scroll sideways.
 */
class OpenMedFamilyPageTest {
    @TempDir static Path tmp;
    static TestServer server;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "data", 20_000);
        driver = org.medkg.testing.Browsers.chromium(tmp.resolve("chrome-profile"), "1366,768");
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        server.close();
    }

    @Test
    void openMedPiiFamilyPageIsReadable() throws IOException {
        driver.get(server.base + "/id/family/openmed-pii");
        assertEquals("OpenMed PII", driver.findElement(By.tagName("h1")).getText());
        WebElement svg = driver.findElement(By.cssSelector("figure svg.lineage"));
        List<WebElement> boxes = svg.findElements(By.cssSelector("a.node"));
        assertTrue(boxes.size() > 10 && boxes.size() <= LineageGraphs.MAX_NODES, "boxes drawn: " + boxes.size());
        String picture = svg.getText() + svg.getDomProperty("innerHTML");
        assertTrue(picture.contains("more models not shown"), "the picture says how many it left out");
        assertTrue(picture.contains(" exports"), "exports are folded into their models' boxes");
        List<WebElement> members = driver.findElements(By.cssSelector("main > ul > li"));
        assertEquals(EntityPage.PAGE_SIZE, members.size(), "the first page of members");
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("page 1 of"));
        Object scrollWidth = driver.executeScript("return document.documentElement.scrollWidth");
        Object innerWidth = driver.executeScript("return window.innerWidth");
        assertTrue(((Number) scrollWidth).longValue() <= ((Number) innerWidth).longValue(),
                "no horizontal scrolling: " + scrollWidth + " > " + innerWidth);
        shot("family-openmed-pii-1366x768");
        driver.findElement(By.partialLinkText("next ")).click();
        assertTrue(driver.getCurrentUrl().endsWith("?page=2"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("page 2 of"));
    }

    static void shot(String name) throws IOException {
        Files.createDirectories(Path.of("target/screenshots"));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/screenshots", name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
