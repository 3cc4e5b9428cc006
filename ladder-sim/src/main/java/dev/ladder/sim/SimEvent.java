package dev.ladder.sim;

/**
 * A pending simulated event: a report, the end of a job or its drop. Ordered by time, then by the
 * order in which it was scheduled, so that ties break the same way in every run.
 */
record SimEvent(double time, long sequence, Kind kind, SimJob job, long resource, String message)
        implements Comparable<SimEvent> {

    enum Kind { REPORT, END, FAIL }

    @Override
    public int compareTo(SimEvent o) {
        int c = Double.compare(time, o.time);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
