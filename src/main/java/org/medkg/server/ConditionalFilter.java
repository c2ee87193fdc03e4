package org.medkg.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.zip.CRC32;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * HTTP caching for everything the build determines: entity documents, pictures, pages, canned-query results, the
 * VoID, the query examples and the dumps. A response is a function of the build being served and of the request
 * (path, query string, Accept), so its validator is derived from both: {@code ETag} = the build's fingerprint plus a
 * hash of the request, {@code Last-Modified} = the build time. {@code If-None-Match} and {@code If-Modified-Since}
 * get 304 without running anything. A rebuild changes the fingerprint, so every validator changes with it. Error
 * responses carry no validator.
 */
final class ConditionalFilter implements Filter {
    private static final String[] PREFIXES = {"/id/", "/lineage/", "/api/", "/browse", "/.well-known/", "/dump."};
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final MedkgServer.Version version;

    ConditionalFilter(MedkgServer.Version version) {
        this.version = version;
    }

    static boolean applies(String uri) {
        for (String p : PREFIXES) if (uri.startsWith(p)) return true;
        return false;
    }

    /** The validator of this request's response under the build with {@code fingerprint}. */
    static String etag(String fingerprint, HttpServletRequest req) {
        CRC32 crc = new CRC32();
        String q = req.getQueryString();
        String accept = req.getHeader("Accept");
        String key = req.getRequestURI() + "?" + (q == null ? "" : q) + "\n" + (accept == null ? "" : accept);
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return "\"" + fingerprint.substring(0, Math.min(16, fingerprint.length())) + "-" + Long.toHexString(crc.getValue()) + "\"";
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String method = req.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || !applies(req.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        String etag = etag(version.fingerprint(), req);
        Instant modified = version.built().truncatedTo(ChronoUnit.SECONDS);
        String lastModified = HTTP_DATE.format(modified.atOffset(ZoneOffset.UTC));
        if (notModified(req, etag, modified)) {
            resp.setStatus(304);
            resp.setHeader("ETag", etag);
            resp.setHeader("Last-Modified", lastModified);
            resp.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
            resp.setHeader("Vary", "Accept");
            return;
        }
        resp.setHeader("ETag", etag);
        resp.setHeader("Last-Modified", lastModified);
        resp.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
        chain.doFilter(request, new HttpServletResponseWrapper(resp) {
            /** Only a success is cacheable: an error, a redirect or a timeout loses the validators. */
            private void stamp(int status) {
                if (status >= 200 && status < 300) return;
                resp.setHeader("ETag", null);
                resp.setHeader("Last-Modified", null);
                resp.setHeader("Cache-Control", "no-store");
            }

            @Override
            public void setStatus(int sc) {
                super.setStatus(sc);
                stamp(sc);
            }

            @Override
            public void sendError(int sc, String msg) throws IOException {
                stamp(sc);
                super.sendError(sc, msg);
            }

            @Override
            public void sendError(int sc) throws IOException {
                stamp(sc);
                super.sendError(sc);
            }
        });
    }

    static boolean notModified(HttpServletRequest req, String etag, Instant modified) {
        String inm = req.getHeader("If-None-Match");
        if (inm != null) {
            for (String t : inm.split(",")) {
                String tag = t.strip();
                if (tag.startsWith("W/")) tag = tag.substring(2);
                if (tag.equals(etag) || tag.equals("*")) return true;
            }
            return false;
        }
        String ims = req.getHeader("If-Modified-Since");
        if (ims != null) {
            try {
                return !modified.isAfter(HTTP_DATE.parse(ims, Instant::from));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }
}
