package org.medkg.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * SPARQL query results are buffered, up to {@link #MAX_RESULT} bytes, before the first byte is sent. A streaming
 * engine commits "200 OK" with its first row; a query that then runs past its timeout or its size can only end the
 * body with a comment, and the client gets a 200 with a broken document. Buffered, the status is decided when the
 * answer is complete: 200 with a whole result document, 503 when the query timed out, and 503 when the result
 * passed the bound (with a hint to page it; the dumps serve the whole dataset). Only query requests are buffered:
 * the Graph Store Protocol read of the dataset and the dumps stream as before.
 */
public final class BoundedResultsFilter implements Filter {
    public static final int MAX_RESULT = 16 * 1024 * 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI();
        boolean query = path.equals(MedkgServer.DATASET + "/sparql") || path.equals(MedkgServer.DATASET + "/query")
                || (path.equals(MedkgServer.DATASET) && req.getParameter("query") != null);
        if (!query) {
            chain.doFilter(request, response);
            return;
        }
        Buffering b = new Buffering(resp);
        chain.doFilter(request, b);
        b.flushBuffer();
        if (b.passthrough) return;                        // an error the servlet sent itself
        if (b.overflow) {
            error(resp, 503, "the result is larger than " + MAX_RESULT + " bytes; add LIMIT and OFFSET, or use the "
                    + "canned queries' paging or the dumps (/dump.nq has the whole dataset)");
            return;
        }
        String body = b.buffer.toString(StandardCharsets.UTF_8);
        // A result that was cut off: the engine gave up after writing rows (a timeout while serialising is reported
        // by setting an error status over the rows already written, or by a comment at their end).
        if ((b.status == 200 && cancelledMidStream(body)) || (b.status >= 400 && partialResult(body))) {
            error(resp, 503, "query timed out; the partial result was discarded");
            return;
        }
        resp.setStatus(b.status);
        resp.setContentLength(b.buffer.size());
        b.buffer.writeTo(resp.getOutputStream());
    }

    /** What a streaming writer appends when the query is cancelled after the first rows. */
    static boolean cancelledMidStream(String body) {
        int tail = Math.max(0, body.length() - 2048);
        String end = body.substring(tail);
        return end.contains("Query cancelled") || end.contains("Query timed out") || end.contains("QueryCancelledException");
    }

    /** Rows written before an error status: the body is not an error message but the start of a result document. */
    static boolean partialResult(String body) {
        String b = body.stripLeading();
        if (b.isEmpty() || b.startsWith("Error") || b.startsWith("Parse error") || b.startsWith("Bad Request")) return false;
        return b.startsWith("{") || b.startsWith("<?xml") || b.startsWith("<sparql") || b.startsWith("?");
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        byte[] b = ("Error " + status + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    /** Holds the body in memory; errors sent with sendError go straight through. */
    private static final class Buffering extends HttpServletResponseWrapper {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = 200;
        boolean overflow, passthrough;
        private PrintWriter writer;
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                if (overflow) return;
                if (buffer.size() >= MAX_RESULT) {
                    overflow = true;
                    buffer.reset();
                    return;
                }
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (overflow) return;
                if (buffer.size() + len > MAX_RESULT) {
                    overflow = true;
                    buffer.reset();
                    return;
                }
                buffer.write(b, off, len);
            }

            @Override
            public boolean isReady() { return true; }

            @Override
            public void setWriteListener(WriteListener l) {
                // Writes go to memory and never block: writing is possible at once.
                try {
                    l.onWritePossible();
                } catch (IOException e) {
                    l.onError(e);
                }
            }
        };

        Buffering(HttpServletResponse resp) {
            super(resp);
        }

        @Override
        public ServletOutputStream getOutputStream() { return out; }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) writer = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), false);
            return writer;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            passthrough = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            passthrough = true;
            super.sendError(sc);
        }

        @Override
        public void flushBuffer() {
            if (writer != null) writer.flush();
        }

        @Override
        public boolean isCommitted() { return passthrough && super.isCommitted(); }

        @Override
        public void resetBuffer() {
            buffer.reset();
            overflow = false;
        }

        @Override
        public void reset() {
            buffer.reset();
            overflow = false;
            status = 200;
            super.reset();
        }

        @Override
        public void setContentLength(int len) { }

        @Override
        public void setContentLengthLong(long len) { }

        @Override
        public void setBufferSize(int size) { }
    }
}
