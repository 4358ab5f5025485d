package dev.streamgen.compiler.model;

import dev.streamgen.runtime.kinds.ExprField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax tree of an {@code expr} field's expression: numbers, field names, {@code + - * /},
 * unary minus, parentheses and the functions {@code abs(x)}, {@code min(a, b, ...)}, {@code max(a, b,
 * ...)}. A field name is an identifier ({@code price}, {@code unit_2}) or any name between
 * backquotes ({@code `device-type`}). Every node keeps its position (from 0) for messages.
 */
sealed interface Expression {
  /**
   * Deepest nesting of parentheses and unary minus accepted: the parser recurses per level. (The
   * runtime's recursion follows the tree, at most one level per operator of a 1000-character text.)
   */
  int MAX_DEPTH = 32;

  /** Where the node starts in the text, from 0. */
  int position();

  /** A number as written; whole when written without a point or an exponent. */
  record Literal(BigDecimal value, boolean whole, int position) implements Expression {}

  /** A field of the same event type. */
  record Reference(String name, int position) implements Expression {}

  /** {@link ExprField#NEG} or {@link ExprField#ABS} of the operand. */
  record Unary(int op, Expression operand, int position) implements Expression {}

  /** {@link ExprField#ADD}, {@code SUB}, {@code MUL}, {@code DIV}, {@code MIN} or {@code MAX}. */
  record Binary(int op, Expression left, Expression right, int position) implements Expression {}

  /** A problem in the text at a position (from 0). */
  final class SyntaxError extends Exception {
    final int position;

    SyntaxError(int position, String message) {
      super(message, null, false, false);
      this.position = position;
    }
  }

  static Expression parse(String text) throws SyntaxError {
    Parser p = new Parser(text);
    Expression e = p.sum(0);
    p.skipSpaces();
    if (p.at < text.length()) {
      throw new SyntaxError(p.at, "unexpected '" + text.charAt(p.at) + "'; expected an operator (+ - * /) or the end");
    }
    return e;
  }

  /** Recursive descent: sum of products of unary terms. */
  final class Parser {
    private final String text;
    private int at;

    private Parser(String text) {
      this.text = text;
    }

    private void skipSpaces() {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
    }

    private boolean accept(char c) {
      skipSpaces();
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private Expression sum(int depth) throws SyntaxError {
      Expression e = product(depth);
      while (true) {
        int position = position();
        if (accept('+')) {
          e = new Binary(ExprField.ADD, e, product(depth), position);
        } else if (accept('-')) {
          e = new Binary(ExprField.SUB, e, product(depth), position);
        } else {
          return e;
        }
      }
    }

    private Expression product(int depth) throws SyntaxError {
      Expression e = unary(depth);
      while (true) {
        int position = position();
        if (accept('*')) {
          e = new Binary(ExprField.MUL, e, unary(depth), position);
        } else if (accept('/')) {
          e = new Binary(ExprField.DIV, e, unary(depth), position);
        } else {
          return e;
        }
      }
    }

    private int position() {
      skipSpaces();
      return at;
    }

    private Expression unary(int depth) throws SyntaxError {
      int position = position();
      if (depth >= MAX_DEPTH) {
        throw new SyntaxError(position, "nested deeper than " + MAX_DEPTH + " levels");
      }
      if (accept('-')) {
        return new Unary(ExprField.NEG, unary(depth + 1), position);
      }
      if (accept('(')) {
        Expression inner = sum(depth + 1);
        if (!accept(')')) {
          throw new SyntaxError(position(), "missing ')' to close the '(' at character " + (position + 1));
        }
        return inner;
      }
      if (at == text.length()) {
        throw new SyntaxError(at, "the expression ends where a number, a field name or '(' is expected");
      }
      char c = text.charAt(at);
      if (Character.isDigit(c) || c == '.') {
        return number();
      }
      if (c == '`') {
        int end = text.indexOf('`', at + 1);
        if (end < 0) {
          throw new SyntaxError(at, "missing '`' to close the field name");
        }
        String name = text.substring(at + 1, end);
        at = end + 1;
        return new Reference(name, position);
      }
      if (Character.isLetter(c) || c == '_') {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
          at++;
        }
        String name = text.substring(start, at);
        int open = position();
        if (!accept('(')) {
          return new Reference(name, position);
        }
        return call(name, position, open, depth + 1);
      }
      throw new SyntaxError(at, "unexpected '" + c + "'; expected a number, a field name, '(' or '-'");
    }

    private Expression number() throws SyntaxError {
      int start = at;
      while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
        at++;
      }
      if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
        at++;
        if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
          at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
          at++;
        }
      }
      String written = text.substring(start, at);
      try {
        return new Literal(new BigDecimal(written), written.chars().allMatch(Character::isDigit), start);
      } catch (NumberFormatException e) {
        throw new SyntaxError(start, "'" + written + "' is not a number");
      }
    }

    /** {@code abs(x)}, {@code min(a, b, ...)}, {@code max(a, b, ...)}: min and max fold from the left. */
    private Expression call(String name, int position, int open, int depth) throws SyntaxError {
      List<Expression> arguments = new ArrayList<>();
      if (!accept(')')) {
        do {
          arguments.add(sum(depth));
        } while (accept(','));
        if (!accept(')')) {
          throw new SyntaxError(position(), "missing ')' to close the '(' at character " + (open + 1));
        }
      }
      switch (name) {
        case "abs" -> {
          if (arguments.size() != 1) {
            throw new SyntaxError(position, "abs takes one argument, got " + arguments.size());
          }
          return new Unary(ExprField.ABS, arguments.get(0), position);
        }
        case "min", "max" -> {
          if (arguments.size() < 2) {
            throw new SyntaxError(position, name + " takes two or more arguments, got " + arguments.size());
          }
          Expression e = arguments.get(0);
          for (Expression a : arguments.subList(1, arguments.size())) {
            e = new Binary(name.equals("min") ? ExprField.MIN : ExprField.MAX, e, a, position);
          }
          return e;
        }
        default -> throw new SyntaxError(position, "unknown function '" + name + "'; the functions are abs, min and max");
      }
    }
  }
}
