package org.medkg.server;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cross-origin reads, the convention of public read-only endpoints: a page on another origin (a YASGUI hosted
 * elsewhere, a notebook in a browser) may query SPARQL, the API, entity documents, pictures, dumps and the VoID.
 * Allowed origins are everyone ({@code *}, the default), a list, or none ({@code --cors off}). Only GET, HEAD, POST
 * and OPTIONS are allowed; the service is read-only, and no credentials are involved.
 */
public final class CorsFilter implements Filter {
    private final Set<String> origins;   // empty = any origin

    /** {@code spec}: "*" for any origin, or a comma-separated list of origins. */
    public CorsFilter(String spec) {
        this.origins = spec == null || spec.isBlank() || spec.strip().equals("*") ? Set.of()
                : Set.of(spec.strip().split("\\s*,\\s*"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String origin = req.getHeader("Origin");
        if (origin != null && (origins.isEmpty() || origins.contains(origin))) {
            resp.setHeader("Access-Control-Allow-Origin", origins.isEmpty() ? "*" : origin);
            if (!origins.isEmpty()) resp.addHeader("Vary", "Origin");
            resp.setHeader("Access-Control-Expose-Headers", "ETag, Last-Modified, Content-Location, Link, Medkg-Build, " + QueryApiServlet.TOTAL_COUNT);
            if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
                resp.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
                String headers = req.getHeader("Access-Control-Request-Headers");
                resp.setHeader("Access-Control-Allow-Headers", headers != null ? headers : "Accept, Content-Type");
                resp.setHeader("Access-Control-Max-Age", "86400");
                resp.setStatus(204);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
