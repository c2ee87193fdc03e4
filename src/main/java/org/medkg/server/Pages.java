package org.medkg.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.medkg.render.Html;

/** Writing HTML responses, with headers that keep pages self-contained. */
final class Pages {
    private Pages() {}

    static void html(HttpServletResponse resp, int status, String page) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error in the representation the client asked for: the HTML page for browsers, plain text for a client that
     * asked for RDF, JSON or anything but HTML (a 404 for {@code Accept: text/turtle} is not a web page).
     */
    static void error(HttpServletRequest req, HttpServletResponse resp, int status, String title, String message) throws IOException {
        if (wantsHtml(req)) html(resp, status, Html.page(title, "<h1>" + Html.esc(title) + "</h1>\n<p>" + Html.esc(message) + "</p>"));
        else text(resp, status, "Error " + status + ": " + title + ". " + message + "\n");
    }

    /** Whether the client prefers HTML: a browser's Accept header lists text/html before any RDF type. */
    static boolean wantsHtml(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        if (accept == null || !accept.toLowerCase(java.util.Locale.ROOT).contains("html")) return false;
        Negotiation.Choice c = Negotiation.byAccept(accept, true);
        return c == null || c.html();
    }

    static void text(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
