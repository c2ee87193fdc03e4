package org.medkg.server;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where clients reach this server, for the links in the VoID, DCAT record and Service Description. Never taken from
 * the {@code Host} header, which any client sets: it is the configured {@code --public-url}; else, only when
 * {@code --trust-forwarded} is given (the server runs behind a proxy that sets them), {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host}; else the address and port the connection arrived on.
 */
public record PublicUrl(String configured, boolean trustForwarded) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    public PublicUrl {
        if (configured != null) {
            configured = configured.strip();
            while (configured.endsWith("/")) configured = configured.substring(0, configured.length() - 1);
            if (!configured.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"))
                throw new IllegalArgumentException("--public-url must be an absolute http(s) URL such as "
                        + "https://medkg.example.org (got '" + configured + "')");
        }
    }

    public static PublicUrl none() { return new PublicUrl(null, false); }

    public boolean fixed() { return configured != null; }

    /** The base URL (no trailing slash) of this server as the client of {@code req} reaches it. */
    public String of(HttpServletRequest req) {
        if (configured != null) return configured;
        if (trustForwarded) {
            String proto = first(req.getHeader("X-Forwarded-Proto"));
            String host = first(req.getHeader("X-Forwarded-Host"));
            if (host != null && HOST.matcher(host).matches()) {
                return ("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host;
            }
        }
        String addr = req.getLocalAddr();
        if (addr.contains(":")) addr = "[" + addr + "]";
        return "http://" + addr + ":" + req.getLocalPort();
    }

    private static String first(String header) {
        if (header == null) return null;
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
