package dev.streamgen.runtime.encode;

import java.util.Arrays;

/**
 * A growable byte buffer reused across rows: generated serializers append to it, the runtime copies
 * out the finished payload and calls {@link #reset()}. Not thread-safe; one per task.
 */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter() {
    this(256);
  }

  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()}. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Makes room for {@code n} more bytes. */
  public void ensure(int n) {
    int needed = size + n;
    if (needed > buf.length) {
      if (needed < 0) {
        throw new IllegalStateException("payload larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }

  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  public void write(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  public void write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
  }

  /** Writes without a bounds check; callers {@link #ensure(int)} first. */
  public void writeUnchecked(int b) {
    buf[size++] = (byte) b;
  }

  /** Drops the bytes after the first {@code newSize} (for writers that back up, e.g. a carry). */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException("truncate to " + newSize + " of " + size);
    }
    size = newSize;
  }

  /** Overwrites one already written byte (for back-patched lengths). */
  public void set(int position, int b) {
    buf[position] = (byte) b;
  }

  /** Moves bytes [from, size) forward by {@code shift} bytes, growing the buffer. */
  public void shift(int from, int shift) {
    ensure(shift);
    System.arraycopy(buf, from, buf, from + shift, size - from);
    size += shift;
  }

  /** Deletes the {@code n} bytes at {@code from}, moving the bytes after them back (a key or tag written by a shared encoder and not wanted here). */
  public void remove(int from, int n) {
    if (from < 0 || n < 0 || from + n > size) {
      throw new IndexOutOfBoundsException("remove " + n + " bytes at " + from + " of " + size);
    }
    System.arraycopy(buf, from + n, buf, from, size - from - n);
    size -= n;
  }
}
