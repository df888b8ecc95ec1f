package io.runway.activities.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: past it the subscription is cancelled (which closes the
 * connection) and the body is marked truncated, so a vendor's 50 MB answer costs at most the cap in
 * memory, and an error answer can still be quoted from its start.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {

  /** The bytes read (at most the cap) and whether the vendor sent more. */
  record Body(byte[] bytes, boolean truncated) {}

  private final int cap;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  private CappedBody(int cap) {
    this.cap = cap;
  }

  static HttpResponse.BodyHandler<Body> handler(int cap) {
    // a declared Content-Length is not trusted either way: the cap is counted on the bytes that arrive
    return info -> new CappedBody(cap);
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int room = cap - bytes.size();
      int take = Math.min(room, buffer.remaining());
      byte[] chunk = new byte[take];
      buffer.get(chunk);
      bytes.write(chunk, 0, take);
      if (buffer.hasRemaining()) {
        subscription.cancel();
        result.complete(new Body(bytes.toByteArray(), true));
        return;
      }
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(bytes.toByteArray(), false));
  }
}
