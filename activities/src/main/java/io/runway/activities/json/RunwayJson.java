package io.runway.activities.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Runway's Jackson 2 configuration: instants and durations as ISO-8601 text, so JSON stored in the
 * read model can be handed out by the API as it is. Unknown properties are ignored on read because
 * stored views outlive the code that wrote them.
 */
public final class RunwayJson {

  private static final ObjectMapper MAPPER = configure(new ObjectMapper());

  private RunwayJson() {}

  /** The shared mapper; it is thread-safe as long as nobody reconfigures it, so don't. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Applies Runway's settings to another mapper (for example a YAML one) and returns it. */
  public static <M extends ObjectMapper> M configure(M mapper) {
    mapper.registerModule(new JavaTimeModule());
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new JsonWriteException(value, e);
    }
  }

  /** A value Runway built could not be written as JSON: a programming error, not bad input. */
  public static final class JsonWriteException extends RuntimeException {
    JsonWriteException(Object value, Throwable cause) {
      super("cannot write " + (value == null ? "null" : value.getClass().getSimpleName()) + " as JSON", cause);
    }
  }
}
