package dev.ladder.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap use around a run, read from the JVM's memory pools. {@link #start()} requests a full
 * collection ({@code System.gc()}), takes the heap in use as the baseline and resets the peak of
 * every heap pool; {@link #peakBytes()} is the sum over heap pools (with G1: eden, survivor, old) of
 * their peak use since then, an upper bound of the true simultaneous peak since pools peak at
 * different moments, and it includes garbage not yet collected, so it mostly reflects how far the
 * collector lets eden grow; {@link #liveBytes()} collects again and returns the heap in use, which
 * is the live set while the caller still holds the scheduler and its trials.
 * With {@code -XX:+DisableExplicitGC} the collections do not happen and both figures include garbage.
 */
final class HeapProbe {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();
    private long baselineBytes;

    private HeapProbe() {
    }

    static HeapProbe start() {
        HeapProbe probe = new HeapProbe();
        System.gc();
        probe.baselineBytes = used();
        probe.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return probe;
    }

    long baselineBytes() {
        return baselineBytes;
    }

    long peakBytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    long liveBytes() {
        System.gc();
        return used();
    }

    static long maxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
