package kinds17;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntUnaryOperator;

/** Static initializers using Java 17 features; compiles with --release 17 and newer. */
public final class Probe17 implements Callable<String> {
  @Override
  public String call() {
    return String.join("\n", List.of(
        "record=" + Point.ORIGIN + "/" + Point.COUNT,
        "sealed=" + Shape.DEFAULT.area(),
        "lambda=" + Lambdas.TWICE.applyAsInt(21) + "/" + Lambdas.NAMES,
        "text=" + Text.BLOCK.lines().count(),
        "switch=" + Patterns.KIND));
  }
}

record Point(int x, int y) {
  static final Point ORIGIN = new Point(0, 0);
  static int COUNT;

  static {
    COUNT = List.of(ORIGIN, new Point(1, 1)).size();
  }
}

sealed interface Shape permits Square, Circle {
  Shape DEFAULT = new Square(Integer.parseInt("3"));

  double area();
}

record Square(int side) implements Shape {
  public double area() {
    return side * side;
  }
}

record Circle(double r) implements Shape {
  public double area() {
    return Math.PI * r * r;
  }
}

final class Lambdas {
  static final IntUnaryOperator TWICE = n -> n * 2;
  static final String NAMES;

  static {
    StringBuilder names = new StringBuilder();
    List.of("a", "b").forEach(s -> names.append(s.toUpperCase()));
    NAMES = names.toString();
  }
}

final class Text {
  static final String BLOCK = """
      one
      two %d
      """.formatted(Integer.parseInt("2"));
}

final class Patterns {
  static final String KIND;

  static {
    Object o = Shape.DEFAULT;
    KIND = switch (o instanceof Square s ? s.side() : -1) {
      case 3 -> "square-3";
      default -> "other";
    };
  }
}
