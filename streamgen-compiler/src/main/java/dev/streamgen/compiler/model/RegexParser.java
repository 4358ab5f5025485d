package dev.streamgen.compiler.model;

import dev.streamgen.compiler.model.RegexKind.Alternatives;
import dev.streamgen.compiler.model.RegexKind.Chars;
import dev.streamgen.compiler.model.RegexKind.Literal;
import dev.streamgen.compiler.model.RegexKind.Repeat;
import dev.streamgen.compiler.model.RegexKind.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parses the regex subset of {@code type: regex} (docs/config.md) into {@link RegexKind.Node}s, or
 * fails with a message naming the construct and its (1-based) character position. Recursive
 * descent: alternatives of sequences of atoms, each atom optionally quantified.
 */
final class RegexParser {
  /** Printable ASCII, what {@code .} and negated classes draw from. */
  static final char FIRST_PRINTABLE = ' ';
  static final char LAST_PRINTABLE = '~';
  /** The most repetitions {@code {n,m}} may ask for. */
  static final int MAX_REPEAT = 64;

  private static final Map<String, String> GROUP_CONSTRUCTS =
      Map.of(
          "(?=", "lookahead",
          "(?!", "negative lookahead",
          "(?<=", "lookbehind",
          "(?<!", "negative lookbehind",
          "(?>", "atomic group");

  /** A construct outside the subset, or a malformed expression. */
  static final class RegexError extends Exception {
    RegexError(String message) {
      super(message);
    }
  }

  private final String regex;
  private final int unbounded;
  private int at;

  private RegexParser(String regex, int unbounded) {
    this.regex = regex;
    this.unbounded = unbounded;
  }

  /**
   * The program of {@code regex}, where {@code *}, {@code +} and {@code {n,}} repeat at most {@code
   * maxRepeat} times (or n, when more).
   */
  static RegexKind.Node parse(String regex, int maxRepeat) throws RegexError {
    RegexParser p = new RegexParser(regex, maxRepeat);
    RegexKind.Node program = p.alternatives(0);
    if (p.at < regex.length()) {
      throw p.error("')' at character " + (p.at + 1) + " closes no group");
    }
    return program;
  }

  private RegexError error(String message) {
    return new RegexError(message);
  }

  private boolean more() {
    return at < regex.length();
  }

  private char peek() {
    return regex.charAt(at);
  }

  private RegexKind.Node alternatives(int depth) throws RegexError {
    List<RegexKind.Node> choices = new ArrayList<>();
    choices.add(sequence(depth));
    while (more() && peek() == '|') {
      at++;
      choices.add(sequence(depth));
    }
    return choices.size() == 1 ? choices.get(0) : new Alternatives(choices);
  }

  private RegexKind.Node sequence(int depth) throws RegexError {
    List<RegexKind.Node> items = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      char c = peek();
      if (c == '^' || c == '$') {
        anchor(depth, items.isEmpty());
        continue;
      }
      items.add(quantified(atom(depth)));
    }
    return Sequence.of(items);
  }

  /** {@code ^} first and {@code $} last in a top-level alternative match every generated value: skipped. */
  private void anchor(int depth, boolean first) throws RegexError {
    char c = peek();
    boolean last = at + 1 == regex.length() || regex.charAt(at + 1) == '|';
    if (depth > 0 || (c == '^' ? !first : !last)) {
      throw error(
          "anchor '" + c + "' at character " + (at + 1) + " is only supported at the "
              + (c == '^' ? "start" : "end") + " of the regex or of a top-level alternative");
    }
    at++;
  }

  private RegexKind.Node atom(int depth) throws RegexError {
    int start = at;
    char c = peek();
    switch (c) {
      case '(' -> {
        at++;
        if (regex.startsWith("?", at)) {
          if (!regex.startsWith("?:", at)) {
            throw error(groupConstruct(start) + " at character " + (start + 1) + " is not supported");
          }
          at += 2;
        }
        RegexKind.Node inside = alternatives(depth + 1);
        if (!more()) {
          throw error("group opened at character " + (start + 1) + " is not closed");
        }
        at++;
        return inside;
      }
      case '[' -> {
        return characterClass();
      }
      case '.' -> {
        at++;
        return new Chars(printable(ch -> true));
      }
      case '\\' -> {
        return escape(false).node();
      }
      case '*', '+', '?' -> throw error("quantifier '" + c + "' at character " + (at + 1) + " has nothing to repeat");
      case '{' -> throw error("'{' at character " + (at + 1) + " does not follow something to repeat; write '\\{' for the character");
      default -> {
        int cp = regex.codePointAt(at);
        at += Character.charCount(cp);
        return new Literal(new String(Character.toChars(cp)));
      }
    }
  }

  private String groupConstruct(int start) {
    for (Map.Entry<String, String> e : GROUP_CONSTRUCTS.entrySet()) {
      if (regex.startsWith(e.getKey(), start)) {
        return e.getValue() + " '" + e.getKey() + "...)'";
      }
    }
    if (regex.startsWith("(?<", start)) {
      return "named group '(?<name>...)'";
    }
    return "inline flag group '(?...)'";
  }

  /** The atom just parsed, with its repetition when a quantifier follows. */
  private RegexKind.Node quantified(RegexKind.Node atom) throws RegexError {
    if (!more()) {
      return atom;
    }
    int q = at;
    int min;
    int max;
    switch (peek()) {
      case '?' -> {
        min = 0;
        max = 1;
        at++;
      }
      case '*' -> {
        min = 0;
        max = unbounded;
        at++;
      }
      case '+' -> {
        min = 1;
        max = unbounded;
        at++;
      }
      case '{' -> {
        int close = regex.indexOf('}', at);
        String body = close < 0 ? "" : regex.substring(at + 1, close);
        if (!body.matches("[0-9]{1,4}(,[0-9]{0,4})?")) {
          throw error("repetition at character " + (q + 1) + " must be {n}, {n,} or {n,m}; write '\\{' for the character");
        }
        int comma = body.indexOf(',');
        min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        max = comma < 0 ? min : comma == body.length() - 1 ? Math.max(min, unbounded) : Integer.parseInt(body.substring(comma + 1));
        String spelled = "{" + body + "}";
        if (min > max) {
          throw error("repetition " + spelled + " at character " + (q + 1) + " has min > max");
        }
        if (max > MAX_REPEAT) {
          throw error("repetition " + spelled + " at character " + (q + 1) + " exceeds " + MAX_REPEAT + " repetitions");
        }
        at = close + 1;
      }
      default -> {
        return atom;
      }
    }
    if (more() && (peek() == '?' || peek() == '+')) {
      throw error(
          (peek() == '?' ? "lazy" : "possessive") + " quantifier '" + regex.substring(q, at + 1) + "' at character " + (q + 1)
              + " is not supported");
    }
    return new Repeat(min, max, atom);
  }

  /** An escape's meaning: one character (which a class may use as a range end) or a set of them. */
  private record Escaped(Character single, String set) {
    RegexKind.Node node() {
      return single != null ? new Literal(String.valueOf(single)) : new Chars(set);
    }
  }

  /** The escape at {@code at} (a backslash), in a class or not. */
  private Escaped escape(boolean inClass) throws RegexError {
    int start = at;
    if (at + 1 >= regex.length()) {
      throw error("ends with a lone '\\' at character " + (start + 1));
    }
    char c = regex.charAt(at + 1);
    at += 2;
    String where = "'\\" + c + "' at character " + (start + 1);
    switch (c) {
      case 'd':
        return new Escaped(null, printable(RegexParser::digit));
      case 'D':
        return new Escaped(null, printable(ch -> !digit(ch)));
      case 'w':
        return new Escaped(null, printable(RegexParser::word));
      case 'W':
        return new Escaped(null, printable(ch -> !word(ch)));
      case 's':
        return new Escaped(null, " ");
      case 'S':
        return new Escaped(null, printable(ch -> ch != ' '));
      case 't':
        return control('\t', inClass, where);
      case 'n':
        return control('\n', inClass, where);
      case 'r':
        return control('\r', inClass, where);
      case 'f':
        return control('\f', inClass, where);
      case 'b', 'B', 'A', 'z', 'Z', 'G':
        throw error("boundary " + where + " is not supported");
      case 'k', '1', '2', '3', '4', '5', '6', '7', '8', '9':
        throw error("backreference " + where + " is not supported");
      case 'p', 'P':
        throw error("Unicode property " + where + " is not supported");
      case 'Q', 'E':
        throw error("quoting " + where + " is not supported; escape each character");
      default:
        if (Character.isLetterOrDigit(c)) {
          throw error("escape " + where + " is not supported");
        }
        return new Escaped(c, null);
    }
  }

  private Escaped control(char c, boolean inClass, String where) throws RegexError {
    if (inClass) {
      throw error("class member " + where + " is not printable ASCII");
    }
    return new Escaped(c, null);
  }

  /** {@code [...]} or {@code [^...]} at {@code at}: its members, within printable ASCII. */
  private RegexKind.Node characterClass() throws RegexError {
    int start = at;
    at++;
    boolean negated = more() && peek() == '^';
    if (negated) {
      at++;
    }
    TreeSet<Character> members = new TreeSet<>();
    while (true) {
      if (!more()) {
        throw error("class opened at character " + (start + 1) + " is not closed");
      }
      char c = peek();
      if (c == ']') {
        at++;
        break;
      }
      if (c == '[' || regex.startsWith("&&", at)) {
        throw error("nested class or intersection '" + (c == '[' ? "[" : "&&") + "' at character " + (at + 1) + " is not supported");
      }
      int memberAt = at;
      Character low = classMember(members);
      if (low == null) {
        continue;
      }
      if (more() && peek() == '-' && at + 1 < regex.length() && regex.charAt(at + 1) != ']') {
        at++;
        int highAt = at;
        Character high = classMember(null);
        if (high == null) {
          throw error("range at character " + (memberAt + 1) + " ends in a set '" + regex.substring(highAt, at) + "'");
        }
        if (low > high) {
          throw error("range '" + low + "-" + high + "' at character " + (memberAt + 1) + " is reversed");
        }
        for (char m = low; m <= high; m++) {
          members.add(m);
        }
      } else {
        members.add(low);
      }
    }
    if (members.isEmpty()) {
      throw error("class at character " + (start + 1) + " is empty; write '\\]' for the character");
    }
    String chars = printable(ch -> members.contains(ch) != negated);
    if (chars.isEmpty()) {
      throw error("class at character " + (start + 1) + " matches no printable ASCII character");
    }
    return new Chars(chars);
  }

  /**
   * One member at {@code at}: the character, or null after adding a set ({@code \d}) to {@code
   * sets} (which is null where a set is not allowed: then it is returned as null unadded).
   */
  private Character classMember(TreeSet<Character> sets) throws RegexError {
    int memberAt = at;
    char c;
    if (peek() == '\\') {
      Escaped e = escape(true);
      if (e.single() == null) {
        if (sets != null) {
          for (char m : e.set().toCharArray()) {
            sets.add(m);
          }
        }
        return null;
      }
      c = e.single();
    } else {
      c = peek();
      at++;
    }
    if (c < FIRST_PRINTABLE || c > LAST_PRINTABLE) {
      throw error(
          "class member '" + regex.substring(memberAt, at) + "' at character " + (memberAt + 1)
              + " is not printable ASCII (classes draw from ' ' to '~')");
    }
    return c;
  }

  private interface CharTest {
    boolean test(char c);
  }

  /** The printable ASCII characters passing {@code test}, in order. */
  static String printable(CharTest test) {
    StringBuilder b = new StringBuilder();
    for (char c = FIRST_PRINTABLE; c <= LAST_PRINTABLE; c++) {
      if (test.test(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean word(char c) {
    return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
}
