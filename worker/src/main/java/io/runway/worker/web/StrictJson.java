package io.runway.worker.web;

import com.fasterxml.jackson.annotation.Nulls;
import java.math.BigDecimal;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How the API reads request bodies (and the import its files): what the caller sent is what it meant,
 * or the request is refused. Unknown fields, duplicate fields, numbers for enums, quoted numbers,
 * numbers or booleans for text, null items in lists and maps, numbers that are not finite or have more
 * digits than Runway keeps, and text with control characters (U+0000 cannot even be stored by
 * PostgreSQL) or unpaired surrogates are errors, not guesses. Only request bodies: stored views and vendor
 * payloads are read with the application's lenient mapper, because they outlive the code that wrote them.
 */
public final class StrictJson {

  private StrictJson() {}

  public static JsonMapper strict(JsonMapper base) {
    SimpleModule plainText = new SimpleModule("runway-plain-text");
    plainText.addDeserializer(String.class, new PlainTextDeserializer());
    plainText.addKeyDeserializer(String.class, new PlainTextKeyDeserializer());
    plainText.addDeserializer(Double.class, new FiniteDoubleDeserializer());
    plainText.addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer());
    plainText.setDeserializerModifier(new ValueDeserializerModifier() {
      @Override
      public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
          BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
        return new ExactEnumDeserializer(deserializer);
      }
    });
    return base.rebuild()
        // a null inside a list or map ("kpis": [null], "metrics": {"a": null}) is a mistake, not an item
        .changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL))
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            // a tree (an import file is read as one) keeps 1e999999999 as written, for the amount check to see
            DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
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

  /**
   * What a person should fix, for a value this reader refused: the field's path ({@code kpis[0].baseline})
   * and why, without class names. For messages that are not an HTTP answer (a row of an import).
   */
  public static String explain(JacksonException e) {
    String field = path(e);
    return switch (e) {
      case InvalidTextException invalid -> field + ": " + invalid.getOriginalMessage();
      case InvalidNumberException invalid -> field + ": " + invalid.getOriginalMessage();
      case InvalidNullException nullItem -> field + ": must not be null: leave the item out of the list (or the entry out of the object)";
      case UnrecognizedPropertyException unknown -> "unknown field '" + field + "'" + (unknown.getKnownPropertyIds() == null ? ""
          : "; known fields here: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
      case InvalidFormatException invalid when invalid.getTargetType() != null && invalid.getTargetType().isEnum() ->
          field + ": '" + invalid.getValue() + "' is not one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
      case MismatchedInputException mismatch -> field + ": has the wrong type";
      default -> field + ": cannot be read (" + e.getOriginalMessage() + ")";
    };
  }

  /** The path of the value a reading error is about, as {@code budget.monthlyCost} or {@code kpis[0]}. */
  public static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  /** Why {@code text} cannot be accepted, or null when it can ({@link TextRules}). */
  static String problemWith(String text) {
    return TextRules.problemWith(text);
  }

  /** Text refused for what it contains, not for its type; the handler answers 422 naming the field. */
  static final class InvalidTextException extends InvalidFormatException {
    InvalidTextException(JsonParser parser, String problem, String text) {
      super(parser, problem, text, String.class);
    }
  }

  /**
   * An enum value is its constant's name exactly: Jackson would otherwise strip white space and
   * control characters around it ("HIGH" followed by a NUL read as HIGH) and the text it echoes back
   * could not even be stored.
   */
  private static final class ExactEnumDeserializer extends DelegatingDeserializer {
    ExactEnumDeserializer(ValueDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
      return new ExactEnumDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        String text = parser.getString();
        String problem = problemWith(text);
        if (problem != null) {
          throw new InvalidTextException(parser, problem, text);
        }
        if (!text.equals(text.strip())) {
          throw new InvalidFormatException(parser, "not one of the values", text, handledType());
        }
      }
      return super.deserialize(parser, context);
    }
  }

  /** A number refused for its value (not finite, or beyond what Runway stores); 422 naming the field. */
  static final class InvalidNumberException extends InvalidFormatException {
    InvalidNumberException(JsonParser parser, String problem, Object value, Class<?> type) {
      super(parser, problem, value, type);
    }
  }

  /**
   * JSON numbers only, and finite ({@link Numbers}): {@code 1e309} (which a double reads as infinity)
   * and the texts {@code "NaN"} and {@code "Infinity"}, which Jackson would otherwise accept, are
   * refused; any other text where a number belongs is the usual wrong-type error.
   */
  private static final class FiniteDoubleDeserializer extends ValueDeserializer<Double> {
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "+Infinity", "-Infinity", "INF", "+INF", "-INF");

    @Override
    public Double deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.hasToken(JsonToken.VALUE_STRING) && NON_FINITE.contains(parser.getString().trim())) {
        throw new InvalidNumberException(parser, Numbers.NOT_FINITE, parser.getString(), Double.class);
      }
      if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT) && !parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return (Double) context.handleUnexpectedToken(Double.class, parser);
      }
      double value = parser.getDoubleValue();
      String problem = Numbers.problemWith(value);
      if (problem != null) {
        throw new InvalidNumberException(parser, problem, parser.getString(), Double.class);
      }
      return value;
    }
  }

  /** JSON numbers only, within {@link Numbers}' digits (an amount of {@code 1e999999999} is refused). */
  private static final class BoundedDecimalDeserializer extends ValueDeserializer<BigDecimal> {
    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
      if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT) && !parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
      }
      if (parser.getNumberType() == JsonParser.NumberType.DOUBLE && !Double.isFinite(parser.getDoubleValue())) {
        throw new InvalidNumberException(parser, Numbers.problemWith(BigDecimal.TEN.pow(Numbers.MAX_DIGITS + 1)),
            parser.getString(), BigDecimal.class);
      }
      BigDecimal value = parser.getDecimalValue();
      String problem = Numbers.problemWith(value);
      if (problem != null) {
        throw new InvalidNumberException(parser, problem, parser.getString(), BigDecimal.class);
      }
      return value;
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
