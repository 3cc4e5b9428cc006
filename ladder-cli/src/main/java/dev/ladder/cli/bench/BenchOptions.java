package dev.ladder.cli.bench;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.benchmarks.harness.Seeds;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The flags every benchmark command shares (a picocli mixin), so that {@code --tasks}, {@code --seeds}
 * and {@code --threads} mean the same thing in {@code bench}, {@code bench-pasha}, {@code bench-rush},
 * {@code bench-stragglers}, {@code bench-fair-share} and {@code bench-parallel}. Each command supplies its own defaults.
 */
public final class BenchOptions {
    @Option(names = "--tasks", split = ",", paramLabel = "ID",
            description = "Benchmarks, family:instance, comma-separated: lcbench:189906, nasbench201:cifar10, "
                    + "fcnet:protein_structure, hpobench:australian, synthetic:81 (default: the command's own).")
    List<String> tasks;

    @Option(names = "--seeds", paramLabel = "N|A..B", converter = SeedsConverter.class,
            description = "Seeds: a count n (seeds 0..n-1) or an inclusive range such as 101..115 (default: the command's own).")
    Seeds seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Runs at once (default: the number of cores).")
    Integer threads;

    /** The tasks given, or {@code defaults}; every one checked now, so a wrong id fails before anything runs. */
    List<String> tasks(List<String> defaults) {
        List<String> t = tasks == null || tasks.isEmpty() ? defaults : tasks;
        t.forEach(Blackboxes::of);
        return List.copyOf(t);
    }

    Seeds seeds(Seeds defaults) {
        return seeds == null ? defaults : seeds;
    }

    int threads() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** {@code --seeds 15} or {@code --seeds 101..115}. */
    static final class SeedsConverter implements ITypeConverter<Seeds> {
        @Override
        public Seeds convert(String value) {
            try {
                return Seeds.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
