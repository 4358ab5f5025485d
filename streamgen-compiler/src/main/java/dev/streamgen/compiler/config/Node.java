package dev.streamgen.compiler.config;

/**
 * One YAML value with the place it was written. The validator walks these, so every message it
 * reports can point at the exact key or value it is about.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

  Location location();

  /** How messages name this node's shape: "a mapping", "a list", "a string", ... */
  String kindName();

  /** How messages quote this node: the scalar as written, or its shape. */
  String describe();
}
