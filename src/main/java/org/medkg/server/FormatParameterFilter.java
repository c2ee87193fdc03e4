package org.medkg.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code output=} and {@code format=} on the SPARQL endpoint, as clients such as SPARQLWrapper send them (its
 * default CONSTRUCT request says {@code output=rdf+xml}, which Fuseki refuses). The value becomes the request's
 * Accept header, listing a results type and a graph type where the name is ambiguous ({@code json},
 * {@code xml}), so the same value works for SELECT, ASK, CONSTRUCT and DESCRIBE; the parameter itself is then
 * removed. A full media type is taken as it is. An unknown value gets 400 naming the accepted ones.
 */
final class FormatParameterFilter implements Filter {
    static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("json", "application/sparql-results+json, application/ld+json;q=0.9");
        NAMES.put("xml", "application/sparql-results+xml, application/rdf+xml;q=0.9");
        NAMES.put("rdf+xml", "application/rdf+xml, application/sparql-results+xml;q=0.9");
        NAMES.put("rdf", "application/rdf+xml, application/sparql-results+xml;q=0.9");
        NAMES.put("rdfxml", "application/rdf+xml, application/sparql-results+xml;q=0.9");
        NAMES.put("turtle", "text/turtle");
        NAMES.put("ttl", "text/turtle");
        NAMES.put("n3", "text/turtle");
        NAMES.put("nt", "application/n-triples");
        NAMES.put("ntriples", "application/n-triples");
        NAMES.put("n-triples", "application/n-triples");
        NAMES.put("json-ld", "application/ld+json");
        NAMES.put("jsonld", "application/ld+json");
        NAMES.put("csv", "text/csv");
        NAMES.put("tsv", "text/tab-separated-values");
        NAMES.put("text", "text/plain");
    }

    /** The Accept header a format name stands for, or null if the name is unknown. */
    static String accept(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.matches("[a-z]+/[a-z0-9.+-]+")) return v;
        return NAMES.get(v);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (!req.getRequestURI().equals(ServiceDescriptionFilter.ENDPOINT)
                || (req.getParameter("output") == null && req.getParameter("format") == null)) {
            chain.doFilter(request, response);
            return;
        }
        String name = req.getParameter("output") != null ? "output" : "format";
        String value = req.getParameter(name);
        String accept = accept(value);
        if (accept == null) {
            HttpServletResponse resp = (HttpServletResponse) response;
            byte[] body = ("Error 400: " + name + "=" + value.replaceAll("[^A-Za-z0-9+./-]", "?").substring(0, Math.min(40, value.length()))
                    + " is not a result format; expected one of " + String.join(", ", NAMES.keySet())
                    + ", or a media type such as application/sparql-results+json\n").getBytes(StandardCharsets.UTF_8);
            resp.setStatus(400);
            resp.setContentType("text/plain; charset=utf-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(req) {
            private boolean hidden(String n) {
                return "output".equals(n) || "format".equals(n);
            }

            @Override
            public String getHeader(String n) {
                return "accept".equalsIgnoreCase(n) ? accept : super.getHeader(n);
            }

            @Override
            public Enumeration<String> getHeaders(String n) {
                return "accept".equalsIgnoreCase(n) ? Collections.enumeration(java.util.List.of(accept)) : super.getHeaders(n);
            }

            @Override
            public String getParameter(String n) {
                return hidden(n) ? null : super.getParameter(n);
            }

            @Override
            public String[] getParameterValues(String n) {
                return hidden(n) ? null : super.getParameterValues(n);
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                Map<String, String[]> m = new LinkedHashMap<>(super.getParameterMap());
                m.remove("output");
                m.remove("format");
                return m;
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(getParameterMap().keySet());
            }
        }, response);
    }
}
