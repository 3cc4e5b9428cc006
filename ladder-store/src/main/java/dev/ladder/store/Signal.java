package dev.ladder.store;

/** A wake-up flag for one waiting thread: {@link #raise} from anywhere, {@link #await} until raised or a timeout. */
final class Signal {
    private boolean raised;

    synchronized void raise() {
        raised = true;
        notifyAll();
    }

    /** Waits until raised (then lowers it) or {@code millis} pass. */
    synchronized void await(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (!raised) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
        raised = false;
    }
}
