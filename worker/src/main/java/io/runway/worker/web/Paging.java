package io.runway.worker.web;

/** Validated paging parameters; large pages are refused rather than silently truncated. */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 200;

  public static Paging of(Integer page, Integer size) {
    int p = page == null ? 0 : page;
    int s = size == null ? 20 : size;
    if (p < 0) {
      throw ApiProblem.invalid("page", "must be 0 or more");
    }
    if (s < 1 || s > MAX_SIZE) {
      throw ApiProblem.invalid("size", "must be between 1 and " + MAX_SIZE);
    }
    return new Paging(p, s);
  }

  public int offset() {
    return page * size;
  }
}
