package io.runway.worker.web;

/**
 * Validated paging parameters; large pages are refused rather than silently truncated, and so are
 * pages so deep that their offset is past {@link #MAX_OFFSET} (or past what an int holds): narrow the
 * filters instead of paging a million rows deep.
 */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 200;
  /** The deepest row a listing reaches; PostgreSQL would read and discard every row before it. */
  public static final long MAX_OFFSET = 1_000_000;

  public static Paging of(Integer page, Integer size) {
    return of(page, size, 20, MAX_SIZE);
  }

  /** As {@link #of(Integer, Integer)} for a listing with its own default and largest page size. */
  public static Paging of(Integer page, Integer size, int defaultSize, int maxSize) {
    int p = page == null ? 0 : page;
    int s = size == null ? defaultSize : size;
    if (p < 0) {
      throw ApiProblem.invalid("page", "must be 0 or more");
    }
    if (s < 1 || s > maxSize) {
      throw ApiProblem.invalid("size", "must be between 1 and " + maxSize);
    }
    if ((long) p * s > MAX_OFFSET) {
      throw ApiProblem.invalid("page", "must be at most " + MAX_OFFSET / s + " with size " + s
          + ": listings go at most " + MAX_OFFSET + " rows deep; narrow the filters instead");
    }
    return new Paging(p, s);
  }

  public long offset() {
    return (long) page * size;
  }
}
