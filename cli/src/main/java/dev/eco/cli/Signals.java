package dev.eco.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM start an orderly shutdown. A JVM shutdown hook would run too, but the process would
 * then exit 130 or 143; a signal handler lets a drained server exit 0, as service managers expect.
 *
 * <p>The JDK has no public API for signal handlers, so this is sun.misc.Signal (module jdk.unsupported, kept for
 * such uses). javac warns about each use of it at every compile and has no {@code @SuppressWarnings} key for
 * that warning: those four warnings are expected.
 */
final class Signals {

    private Signals() {}

    static void onTermination(Runnable action) {
        Runnable once = new Runnable() {
            private boolean started;

            @Override
            public synchronized void run() {
                if (!started) {
                    started = true;
                    Thread.ofPlatform().name("eco-shutdown").start(action);
                }
            }
        };
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> once.run());
        }
    }
}
