package org.medkg.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds every request before anything parses it: a URL longer than {@link #MAX_URL} characters gets 414, a body
 * that declares more than {@link #MAX_BODY} bytes gets 413 at once, and a body without a declared length (chunked)
 * is read up to the same bound before anything parses it (413 past it), so no parser ever sees more. TRACE is
 * refused.
 */
public final class RequestLimitsFilter implements Filter {
    public static final int MAX_URL = 16 * 1024;
    public static final long MAX_BODY = 1024 * 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if ("TRACE".equalsIgnoreCase(req.getMethod())) {
            error(resp, 405, "TRACE is not supported");
            return;
        }
        String q = req.getQueryString();
        long urlLength = req.getRequestURI().length() + (q == null ? 0 : q.length() + 1);
        if (urlLength > MAX_URL) {
            error(resp, 414, "the URL is " + urlLength + " characters long; at most " + MAX_URL + " are accepted "
                    + "(send a long query as a POST body)");
            return;
        }
        long declared = req.getContentLengthLong();
        if (declared > MAX_BODY) {
            drain(req);
            error(resp, 413, "the request body is " + declared + " bytes; at most " + MAX_BODY + " are accepted");
            return;
        }
        boolean sparql = req.getRequestURI().startsWith(MedkgServer.DATASET);
        String type = String.valueOf(req.getContentType()).toLowerCase(java.util.Locale.ROOT);
        boolean rawQuery = "POST".equals(req.getMethod()) && type.startsWith("application/sparql-query");
        if (declared >= 0 && !(sparql && rawQuery)) {
            if (sparql && !shapeOk(req.getParameter("query"), resp)) return;
            chain.doFilter(req, response);
            return;
        }
        // No declared length (chunked), or a raw query body: read at most the bound before anything parses it.
        byte[] body = req.getInputStream().readNBytes((int) MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            drain(req);
            error(resp, 413, "the request body is larger than " + MAX_BODY + " bytes");
            return;
        }
        if (sparql && !shapeOk(rawQuery ? new String(body, StandardCharsets.UTF_8) : null, resp)) return;
        chain.doFilter(new Buffered(req, body), response);
    }

    /** A query too deep or too wide for the recursive parser gets 400 with the reason, before it is parsed. */
    private static boolean shapeOk(String query, HttpServletResponse resp) throws IOException {
        String problem = query == null ? null : org.medkg.query.QueryShape.problem(query);
        if (problem == null) return true;
        error(resp, 400, problem);
        return false;
    }

    /**
     * Reads and drops (never parses) up to 32 MiB of a refused body, so that a client still sending it reads the
     * 413 instead of a reset connection; past that the connection is simply closed.
     */
    private static void drain(HttpServletRequest req) throws IOException {
        long dropped = 0;
        byte[] sink = new byte[1 << 16];
        var in = req.getInputStream();
        for (int n; dropped < 32 * MAX_BODY && (n = in.read(sink)) > 0; ) dropped += n;
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getOutputStream().write(("Error " + status + ": " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A request whose body, read and bounded by the filter, is replayed from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public long getContentLengthLong() { return body.length; }

        @Override
        public int getContentLength() { return body.length; }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() { return in.read(); }

                @Override
                public int read(byte[] b, int off, int len) { return in.read(b, off, len); }

                @Override
                public boolean isFinished() { return in.available() == 0; }

                @Override
                public boolean isReady() { return true; }

                @Override
                public void setReadListener(ReadListener l) {
                    // The body is already in memory: it is all available now, and then all read.
                    try {
                        if (!isFinished()) l.onDataAvailable();
                        if (isFinished()) l.onAllDataRead();
                    } catch (IOException e) {
                        l.onError(e);
                    }
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String enc = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new java.io.ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(enc)));
        }
    }
}
