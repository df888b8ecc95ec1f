package io.runway.worker.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How the API reads request bodies: what the caller sent is what it meant, or the request is
 * refused. Unknown fields, duplicate fields, numbers for enums, quoted numbers, numbers or booleans
 * for text, and text with control characters (U+0000 cannot even be stored by PostgreSQL) or
 * unpaired surrogates are errors, not guesses. Only request bodies: stored views and vendor
 * payloads are read with the application's lenient mapper, because they outlive the code that wrote them.
 */
public final class StrictJson {

  private StrictJson() {}

  public static JsonMapper strict(JsonMapper base) {
    SimpleModule plainText = new SimpleModule("runway-plain-text");
    plainText.addDeserializer(String.class, new PlainTextDeserializer());
    plainText.addKeyDeserializer(String.class, new PlainTextKeyDeserializer());
    return base.rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, text -> text
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .addModule(plainText)
        .build();
  }

  /** Why {@code text} cannot be accepted, or null when it can. */
  static String problemWith(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return String.format("contains the control character U+%04X, which is not allowed", (int) c);
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("contains an unpaired surrogate U+%04X, which is not valid Unicode text", (int) c);
      }
    }
    return null;
  }

  /** Text refused for what it contains, not for its type; the handler answers 422 naming the field. */
  static final class InvalidTextException extends InvalidFormatException {
    InvalidTextException(JsonParser parser, String problem, String text) {
      super(parser, problem, text, String.class);
    }
  }

  private static final class PlainTextDeserializer extends ValueDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      String text = StringDeserializer.instance.deserialize(parser, context);
      String problem = text == null ? null : problemWith(text);
      if (problem != null) {
        throw new InvalidTextException(parser, problem, text);
      }
      return text;
    }
  }

  private static final class PlainTextKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext context) {
      String problem = problemWith(key);
      if (problem != null) {
        throw new InvalidTextException(context.getParser(), "a field name " + problem, key);
      }
      return key;
    }
  }
}
