package org.medkg.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A response body that is held in memory up to {@code bound} bytes and streamed after that. An answer that fits is
 * sent whole with its length, so a query that fails while writing it can still be answered with a clean error
 * status. A longer one commits its status and headers when it passes the bound and then streams, so memory stays
 * bounded whatever its length; a failure after that can only cut the connection ({@link #committed()}), which
 * clients see as an incomplete transfer rather than a complete-looking document.
 */
final class StreamedResponse extends OutputStream {
    private static final int STREAM_BUFFER = 64 * 1024;
    private final HttpServletResponse resp;
    private final int bound;
    private final Runnable headers;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private OutputStream out;

    /** {@code headers} sets the status and headers of a successful answer; it runs once, before the first byte. */
    StreamedResponse(HttpServletResponse resp, int bound, Runnable headers) {
        this.resp = resp;
        this.bound = bound;
        this.headers = headers;
    }

    boolean committed() {
        return out != null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (out != null) {
            out.write(b, off, len);
            return;
        }
        if (buffer.size() + len <= bound) {
            buffer.write(b, off, len);
            return;
        }
        headers.run();
        // Fuseki gives Jetty a 5 MiB response buffer; a smaller one keeps a stream's memory small, and the flush
        // commits the status, so that a failure from here on cuts the connection instead of sending an error page.
        resp.setBufferSize(STREAM_BUFFER);
        out = resp.getOutputStream();
        buffer.writeTo(out);
        buffer = null;
        out.write(b, off, len);
        out.flush();
    }

    /** Sends what is held (with its length) or ends the stream. */
    void finish() throws IOException {
        if (out == null) {
            headers.run();
            resp.setContentLength(buffer.size());
            out = resp.getOutputStream();
            buffer.writeTo(out);
            buffer = null;
        }
        out.flush();
    }
}
