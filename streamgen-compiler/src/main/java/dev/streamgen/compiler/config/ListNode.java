package dev.streamgen.compiler.config;

import java.util.List;

/** A YAML sequence. */
public record ListNode(List<Node> items, Location location) implements Node {
  public ListNode {
    items = List.copyOf(items);
  }

  @Override
  public String kindName() {
    return "a list";
  }

  @Override
  public String describe() {
    return "a list";
  }
}
