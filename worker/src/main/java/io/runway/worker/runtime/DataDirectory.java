package io.runway.worker.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a local run keeps what must survive a restart: the Temporal dev server's SQLite file, the
 * embedded PostgreSQL's data directory and the generated payload key. One Runway at a time: the
 * directory is locked ({@code runway.lock}, released by the operating system when the process dies,
 * so a kill -9 leaves no lock behind).
 */
final class DataDirectory implements AutoCloseable {

  static final String LOCK_FILE = "runway.lock";

  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  /** Creates the directory if needed, checks it is writable, and locks it for this process. */
  static DataDirectory open(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    String action = "Set RUNWAY_DATA_DIR (or runway.data-dir) to a directory this user may write, or fix its permissions.";
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new LocalRunException("the data directory " + absolute + " cannot be created (" + e + ")", action, e);
    }
    if (!Files.isDirectory(absolute) || !Files.isWritable(absolute)) {
      throw new LocalRunException("the data directory " + absolute + " is not a writable directory", action);
    }
    Path lockFile = absolute.resolve(LOCK_FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new LocalRunException("the data directory " + absolute + " is not writable (" + e + ")", action, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = holder(lockFile);
      closeQuietly(channel);
      throw new LocalRunException(
          "another Runway" + holder + " is already running on the data directory " + absolute,
          "Stop that Runway first, or give this one its own directory with RUNWAY_DATA_DIR.");
    }
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new LocalRunException("the data directory " + absolute + " is not writable (" + e + ")", action, e);
    }
    return new DataDirectory(absolute, channel, lock);
  }

  Path root() {
    return root;
  }

  Path resolve(String name) {
    return root.resolve(name);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close releases it too
    }
    closeQuietly(channel);
  }

  private static String holder(Path lockFile) {
    try {
      String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "" : " (pid " + pid + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
