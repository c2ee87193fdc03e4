package org.medkg.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.medkg.testing.TestServer;

/**
 * Pages at a real screen size (1366×768), on the real catalog with its imports: no page of the tour overflows
 * horizontally, source links are host-and-path, large lineage pictures fit the width with their legend in view and
 * can be shown full size, and every relation label sits on its own edge. Screenshots go to target/screenshots/.
 */
class PageWidthTest {
    @TempDir static Path tmp;
    static TestServer server;
    static ChromeDriver driver;
    static final Path SHOTS = Path.of("target/screenshots");

    static final List<String> TOUR = List.of("/browse", "/browse/search?q=llama", "/browse/search?q=Meditorn",
            "/browse/queries", "/browse/queries/built-on?base=Llama-2", "/browse/queries/leaderboard?benchmark=MedQA",
            "/browse/queries/beats-its-base?run=1", "/browse/queries/licence-inheritance?run=1",
            "/browse/queries/compare?run=1", "/id/model/meditron-70b", "/id/model/clinical-camel-70b",
            "/id/family/llama-2?depth=3", "/id/family/bert?depth=4", "/id/institute/epfl", "/id/benchmark/medqa",
            "/id/model/bio-clinicalbert");

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer(tmp, "data", 20_000);
        driver = org.medkg.testing.Browsers.chromium(tmp.resolve("chrome-profile"), "1366,768");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        server.close();
    }

    static String shotName(String path) {
        return "1366-" + path.replaceAll("^/", "").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    @Test
    void noPageOfTheTourOverflowsHorizontally() throws IOException {
        StringBuilder failures = new StringBuilder();
        for (String path : TOUR) {
            driver.get(server.base + path);
            Object widths = driver.executeScript("return [document.documentElement.scrollWidth, "
                    + "document.documentElement.clientWidth];");
            List<?> w = (List<?>) widths;
            long scroll = ((Number) w.get(0)).longValue();
            long client = ((Number) w.get(1)).longValue();
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SHOTS.resolve(shotName(path) + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (scroll > client) failures.append(path).append(": ").append(scroll).append(" px wide in a ")
                    .append(client).append(" px window\n");
        }
        assertEquals("", failures.toString(), "pages wider than the window");
    }

    @Test
    void sourcesShowAsHostAndPath() {
        driver.get(server.base + "/id/model/meditron-70b");
        var links = driver.findElements(By.cssSelector("a.source"));
        assertTrue(!links.isEmpty());
        for (var a : links) {
            String text = a.getText();
            assertTrue(!text.startsWith("http") && a.getAttribute("href").startsWith("http"), text);
        }
    }

    @Test
    void largePictureFitsWithItsLegendAndHasAFullSizeView() throws IOException {
        driver.get(server.base + "/id/family/bert?depth=4");
        Map<?, ?> fit = (Map<?, ?>) driver.executeScript("const s = document.querySelector('figure svg');"
                + "const l = s.querySelector('.legend').getBoundingClientRect();"
                + "const r = s.getBoundingClientRect();"
                + "return {natural: s.viewBox.baseVal.width, shown: r.width, legendRight: l.right, legendBottom: l.bottom,"
                + " svgBottom: r.bottom, window: document.documentElement.clientWidth};");
        double natural = ((Number) fit.get("natural")).doubleValue();
        double shown = ((Number) fit.get("shown")).doubleValue();
        double window = ((Number) fit.get("window")).doubleValue();
        assertTrue(natural > window, "the family picture is larger than the window: " + fit);
        assertTrue(shown < window, "it is scaled to fit: " + fit);
        assertTrue(((Number) fit.get("legendRight")).doubleValue() <= window, "the legend is not cut off: " + fit);
        driver.findElement(By.cssSelector("label[for=zoom]")).click();
        double full = ((Number) driver.executeScript("return document.querySelector('figure svg').getBoundingClientRect().width;")).doubleValue();
        assertEquals(natural, full, 1.0, "full size on request");
        Object pageWidth = driver.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
        assertEquals(Boolean.TRUE, pageWidth, "at full size the frame pans; the page does not widen");
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve("1366-family-bert-full-size.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Each relation label is nearer its own edge than any other edge, and on it (within a few pixels). */
    @Test
    void relationLabelsSitOnTheirOwnEdges() {
        for (String path : List.of("/id/family/llama-2?depth=4", "/id/family/bert?depth=4", "/id/model/meditron-70b")) {
            driver.get(server.base + path);
            Object result = driver.executeScript("""
                    const svg = document.querySelector('figure svg');
                    const paths = [...svg.querySelectorAll('path.edge')];
                    const out = [];
                    for (const g of svg.querySelectorAll('g.relation')) {
                      const b = g.querySelector('rect').getBBox();
                      const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
                      let best = null, bestD = 1e9, ownD = 1e9;
                      for (const p of paths) {
                        const len = p.getTotalLength();
                        let d = 1e9;
                        for (let t = 0; t <= len; t += 1) {
                          const pt = p.getPointAtLength(t);
                          d = Math.min(d, Math.hypot(pt.x - cx, pt.y - cy));
                        }
                        const own = p.dataset.base === g.dataset.base && p.dataset.derived === g.dataset.derived;
                        if (own) ownD = Math.min(ownD, d);
                        if (d < bestD) { bestD = d; best = p; }
                      }
                      const bestOwn = best && best.dataset.base === g.dataset.base && best.dataset.derived === g.dataset.derived;
                      if (!bestOwn && bestD < ownD - 0.5 || ownD > b.height)
                        out.push(g.dataset.base + '->' + g.dataset.derived + ' own ' + ownD.toFixed(1) + ' nearest ' + bestD.toFixed(1));
                    }
                    return [svg.querySelectorAll('g.relation').length, out.join('; ')];
                    """);
            List<?> r = (List<?>) result;
            assertTrue(((Number) r.get(0)).intValue() > 0, path + ": labels drawn");
            assertEquals("", r.get(1), path + ": labels off their edges");
        }
    }
}
