package io.runway.worker.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code runway.api.max-body-bytes} with 413: by Content-Length before reading,
 * and for chunked bodies by a bounded stream that stops reading at the limit. The initiative import
 * carries whole files and has its own, larger limit ({@code runway.import.max-bytes}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final String IMPORT_PATH = "/api/v1/initiatives/import";
  /** The console's upload of the same import (web console, session sign-in). */
  static final String CONSOLE_IMPORT_PATH = "/console/import";

  private final long defaultMaxBytes;
  private final long importMaxBytes;
  private final ProblemResponses problems;

  RequestSizeLimitFilter(
      @Value("${runway.api.max-body-bytes:262144}") long maxBytes,
      @Value("${runway.import.max-bytes:10485760}") long importMaxBytes,
      ProblemResponses problems) {
    this.defaultMaxBytes = maxBytes;
    // a multipart upload adds its part headers and boundaries to the file
    this.importMaxBytes = importMaxBytes + 16 * 1024;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    long maxBytes = IMPORT_PATH.equals(path) || CONSOLE_IMPORT_PATH.equals(path) ? importMaxBytes : defaultMaxBytes;
    if (request.getContentLengthLong() > maxBytes) {
      // first of all filters, before the request context the problem writer reads HTTPS from
      ResponseHeaders.addTo(response, request.isSecure());
      problems.write(response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(maxBytes));
      return;
    }
    chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request, maxBytes) : request, response);
  }

  static String tooLarge(long maxBytes) {
    return "The request body is larger than " + (maxBytes / 1024) + " KiB; send a smaller body.";
  }

  /** Thrown by the bounded stream; the exception handler answers 413 when it finds it among the causes. */
  static final class BodyTooLargeException extends IOException {
    final long maxBytes;

    BodyTooLargeException(long maxBytes) {
      super(tooLarge(maxBytes));
      this.maxBytes = maxBytes;
    }
  }

  private static final class Bounded extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new BoundedStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }
  }

  private static final class BoundedStream extends ServletInputStream {
    private final ServletInputStream delegate;
    private final long maxBytes;
    private long read;

    BoundedStream(ServletInputStream delegate, long maxBytes) {
      this.delegate = delegate;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
