package org.medkg.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lists models from the Hugging Face Hub API, page by page, the way the Hub asks clients to: it follows the
 * {@code Link: <...>; rel="next"} header, waits as long as a 429's {@code Retry-After} says, retries a 5xx with
 * backoff, paces its requests, and saves every page as it arrives so that an interrupted listing resumes where it
 * stopped instead of starting again. The pages are kept in a directory: {@code page-0001.json}, ..., and
 * {@code next.url} while the listing is unfinished.
 */
public final class HubClient {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the client behaves; the defaults suit the public Hub, tests shorten them. */
    public record Options(Duration minInterval, int maxRetries, Duration maxWait, Duration timeout, String token) {
        public static Options defaults() {
            return new Options(Duration.ofMillis(500), 5, Duration.ofMinutes(5), Duration.ofSeconds(60),
                    System.getenv("HF_TOKEN"));
        }
    }

    public static final class HubException extends IOException {
        public HubException(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Options options;
    private final Consumer<String> progress;
    private long lastRequest;
    /** Requests sent, retries and time slept: for the progress line and for tests. */
    public int requests, retries;

    public HubClient(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Fetches every page from {@code start} into {@code dir}, or resumes an unfinished listing there. Returns the
     * models of all pages, in order.
     */
    public List<JsonNode> list(URI start, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path nextFile = dir.resolve("next.url");
        List<Path> pages = pages(dir);
        URI next;
        if (Files.exists(nextFile)) {
            next = URI.create(Files.readString(nextFile).strip());
            progress.accept("resuming after " + pages.size() + " saved page(s) at " + next);
        } else if (!pages.isEmpty()) {
            progress.accept("listing already complete: " + pages.size() + " page(s) in " + dir);
            next = null;
        } else {
            next = start;
            Files.writeString(nextFile, start.toString());
        }
        int total = 0;
        for (Path p : pages) total += JSON.readTree(p.toFile()).size();
        while (next != null) {
            HttpResponse<String> r = get(next);
            JsonNode page = JSON.readTree(r.body());
            if (!page.isArray())
                throw new HubException(next + ": expected a JSON array of models, got " + page.getNodeType());
            Path file = dir.resolve(String.format("page-%04d.json", pages.size() + 1));
            Files.writeString(file, r.body());
            pages.add(file);
            total += page.size();
            next = r.headers().allValues("Link").stream().map(HubClient::nextLink).filter(s -> s != null)
                    .findFirst().map(next::resolve).orElse(null);
            if (next != null) Files.writeString(nextFile, next.toString());
            else Files.deleteIfExists(nextFile);
            progress.accept("page " + pages.size() + ": " + page.size() + " model(s), " + total + " so far"
                    + (next == null ? "; done" : ""));
        }
        List<JsonNode> out = new ArrayList<>();
        for (Path p : pages(dir)) JSON.readTree(p.toFile()).forEach(out::add);
        return out;
    }

    private static List<Path> pages(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("page-\\d{4}\\.json")).sorted().toList());
        }
    }

    static String nextLink(String header) {
        Matcher m = NEXT.matcher(header);
        return m.find() ? m.group(1) : null;
    }

    /** One GET with pacing, Retry-After on 429 and backoff on 5xx. */
    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        long backoff = 1000;
        for (int attempt = 0; ; attempt++) {
            long wait = lastRequest + options.minInterval().toMillis() - System.currentTimeMillis();
            if (wait > 0) Thread.sleep(wait);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET()
                    .header("Accept", "application/json").header("User-Agent", "medkg-import-hf");
            if (options.token() != null && !options.token().isBlank()) b.header("Authorization", "Bearer " + options.token());
            lastRequest = System.currentTimeMillis();
            requests++;
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = r.statusCode();
            if (status == 200) return r;
            if ((status == 429 || status >= 500) && attempt < options.maxRetries()) {
                long sleep = status == 429 ? retryAfter(r.headers().firstValue("Retry-After").orElse(null), backoff) : backoff;
                sleep = Math.min(sleep, options.maxWait().toMillis());
                progress.accept(uri + ": " + status + (status == 429 ? " (rate limited)" : "") + "; retrying in "
                        + Math.max(1, sleep / 1000) + " s");
                retries++;
                Thread.sleep(sleep);
                backoff = Math.min(backoff * 2, options.maxWait().toMillis());
                continue;
            }
            throw new HubException(uri + ": HTTP " + status + (attempt > 0 ? " after " + attempt + " retries" : "")
                    + "; the pages fetched so far are kept, run the same command again to resume");
        }
    }

    /** Retry-After as seconds or an HTTP date (RFC 9110); the fallback when absent or unreadable. */
    static long retryAfter(String value, long fallback) {
        if (value == null) return fallback;
        try {
            return Math.max(0, Long.parseLong(value.strip())) * 1000;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime t = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, t.toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (RuntimeException e2) {
                return fallback;
            }
        }
    }
}
