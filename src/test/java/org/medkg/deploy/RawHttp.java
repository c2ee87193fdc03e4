package org.medkg.deploy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a socket bound to a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so one test can be
 * several clients to a per-client throttle; the connection stays open for further requests until closed.
 */
final class RawHttp implements AutoCloseable {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final String host;

    RawHttp(String url, String localAddress) throws IOException {
        URI u = URI.create(url);
        socket = new Socket(InetAddress.getByName(u.getHost()), u.getPort(), InetAddress.getByName(localAddress), 0);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        host = u.getHost() + ":" + u.getPort();
    }

    /** Sends raw bytes: a request, or part of one. */
    void send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    Response get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        String status = line();
        Map<String, String> headers = new TreeMap<>();
        for (String l; !(l = line()).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : chunked();
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n; (n = Integer.parseInt(line().split(";")[0].strip(), 16)) > 0; ) {
            out.write(in.readNBytes(n));
            line();
        }
        line();
        return out.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("connection closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
