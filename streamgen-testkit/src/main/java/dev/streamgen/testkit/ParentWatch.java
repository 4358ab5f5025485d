package dev.streamgen.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of a server JVM started by a test: runs {@code args[0]}'s main with the remaining
 * arguments, and exits when its standard input reaches end-of-file, which happens when the JVM that
 * started it dies (even by SIGKILL: the OS closes the pipe). So an aborted test run never leaves a
 * broker behind on a shared machine.
 */
public final class ParentWatch {

  private ParentWatch() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ParentWatch <main class> [arguments...]");
    }
    Thread watch = new Thread(ParentWatch::exitWhenParentDies, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void exitWhenParentDies() {
    InputStream in = System.in;
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) != -1) {
        // Nothing is ever sent; we only wait for end-of-file.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end-of-file.
    }
    // Graceful first (shutdown hooks flush logs), but never hang around.
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException ignored) {
                // Halting anyway.
              }
              Runtime.getRuntime().halt(1);
            },
            "parent-watch-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(1);
  }
}
