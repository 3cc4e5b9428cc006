package dev.ladder.core.schedule;

/** A scheduler's answer to a reported result; PAUSE and STOP carry their reason. */
public sealed interface Decision {
    Decision CONTINUE = new Continue();

    /** Why, in the words the journal and {@code ladder why} show (empty for CONTINUE). */
    String reason();

    /** {@code continue}, {@code pause} or {@code stop}, as the journal writes it. */
    default String name() {
        return this instanceof Pause ? "pause" : this instanceof Stop ? "stop" : "continue";
    }

    /** Pause the trial: it keeps its checkpoint and may be promoted later. */
    static Decision pause(String reason) {
        return new Pause(reason);
    }

    /** Stop the trial for good. */
    static Decision stop(String reason) {
        return new Stop(reason);
    }

    /** Keep training. */
    record Continue() implements Decision {
        @Override
        public String reason() {
            return "";
        }
    }

    /** Stop training for now; the trial may be resumed from its checkpoint later. */
    record Pause(String reason) implements Decision {
    }

    /** Stop training for good. */
    record Stop(String reason) implements Decision {
    }
}
