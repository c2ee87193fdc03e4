package org.medkg.server;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Names the build that answered, on every response: {@code Medkg-Build: <input fingerprint>}. Behind a load
 * balancer a client (or a rolling rebuild) can tell which build each replica serves. The value is the build
 * served when the request arrived; a switch during the request is seen from the next one.
 */
public final class BuildHeaderFilter implements Filter {
    public static final String HEADER = "Medkg-Build";

    private final MedkgServer.Version version;

    public BuildHeaderFilter(MedkgServer.Version version) {
        this.version = version;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) http.setHeader(HEADER, version.fingerprint());
        chain.doFilter(request, response);
    }
}
