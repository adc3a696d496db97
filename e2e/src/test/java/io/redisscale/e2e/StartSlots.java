package io.redisscale.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * At most a few service JVMs start at once across every end-to-end fork of the machine: a file lock per
 * slot. Starting is CPU-bound; on two cores, four more JVMs starting together only make each start take
 * longer, past the readiness waits, while nothing is gained. A slot is held from the process's start until
 * it is ready (or gone), watched by a daemon thread, so a test that starts several services in a row
 * simply waits its turn.
 */
final class StartSlots {
    private static final int SLOTS = Integer.getInteger("e2e.start-slots", 2);
    private static final Path DIR = Path.of(System.getProperty("logs.dir", "target/e2e-logs")).resolveSibling("start-slots");

    private StartSlots() {}

    /** Blocks until a slot is free, and takes it. */
    static FileLock take() {
        try {
            Files.createDirectories(DIR);
            while (true) {
                for (int i = 0; i < SLOTS; i++) {
                    FileChannel channel = FileChannel.open(DIR.resolve("slot-" + i), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException heldHere) {
                        lock = null; // this JVM holds the slot already (another service of the same test)
                    }
                    if (lock != null) {
                        return lock;
                    }
                    channel.close();
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a start slot", e);
        }
    }

    /** Gives {@code slot} back now (the process did not start). */
    static void release(FileLock slot) {
        try {
            slot.channel().close(); // releases the lock
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    /** Gives {@code slot} back once {@code done} holds (the service answers ready, or its process is gone). */
    static void releaseWhen(FileLock slot, BooleanSupplier done) {
        Thread watcher = new Thread(() -> {
            try {
                long until = System.nanoTime() + 300_000_000_000L; // a start never holds a slot past 5 minutes
                while (!done.getAsBoolean() && System.nanoTime() < until) {
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                release(slot);
            }
        }, "start-slot");
        watcher.setDaemon(true);
        watcher.start();
    }
}
