package dev.ladder.core.journal;

import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One trial's path up the ladder, told from its experiment's journal ({@code ladder why}, the dashboard's trial
 * page): one {@link Step} per decision and per change of its job (started, rung reached and what was decided
 * there, promoted, paused, stopped, completed, failed, suspended by a pause of the experiment, restarted after a
 * crash). Feed it every entry of the journal in order ({@link #add}), then read {@link #steps()} or {@link #lines()}.
 *
 * <p>The rank, the rung's size and the cutoff come from the reasons the schedulers recorded ({@code RungScheduler},
 * {@code PashaScheduler} and {@code SyncBracket} write "rank i of n" and "top k"). Where a reason has no rank
 * (median stopping, RUSH's threshold, a synchronous rung still filling, a decision without a reason, the tuner's
 * own stops), the rank is reconstructed from the results recorded at the same resource up to that event, and the
 * step says so; a synchronous rung cut by another trial's result gets a step at that event, ranked among the
 * rung's recorded results. Memory: O(results) of the whole journal; time O(results) per decision step.
 */
public final class TrialPath {
    /** What a step is about. */
    public enum Kind { START, RUNG, PROMOTED, CUT, COMPLETED, STOPPED, PAUSED, FAILED, SUSPENDED, RESTARTED, REFUSED, CHECKPOINT, NOW }

    /**
     * The trial's standing at a decision: the rung (null when the reason names none), its resource, the trial's
     * rank there (1 = best) among {@code size} entries, and whether the rank was counted from the recorded results
     * rather than read from the scheduler's reason.
     */
    public record Standing(Integer rung, long resource, int rank, int size, boolean reconstructed) {
    }

    /** One line of the path: the journal event it comes from (seq, time), its kind, the standing if any, in words. */
    public record Step(long seq, Instant time, Kind kind, Standing standing, String text) {
    }

    private static final Pattern RANK = Pattern.compile("rank (\\d+) of (\\d+)");
    private static final Pattern RUNG = Pattern.compile("rung (\\d+) \\(r=(\\d+)\\)");
    /** The head of RungScheduler's and PashaScheduler's reasons, up to the rule. */
    private static final Pattern RUNG_HEAD = Pattern.compile("^(bracket \\d+: )?(?:reached|at) rung \\d+ \\(r=\\d+\\): (?:rank \\d+ of \\d+, )?");
    private static final Pattern NEEDS_TOP = Pattern.compile("promotion needs top (\\d+)");
    private static final Pattern PROMOTABLE = Pattern.compile("top (\\d+) promotable");
    /** SyncBracket's label of a rung: "bracket #2 (s=1) rung 0 (r=9)". */
    private static final Pattern SYNC_LABEL = Pattern.compile("^(bracket #\\d+ \\(s=\\d+\\) rung \\d+ \\(r=\\d+\\)): ");
    private static final Pattern SYNC_CUT = Pattern.compile("all (\\d+) results in; rank \\d+ of \\d+, (?:promoted to r=\\d+ \\(top (\\d+)\\)|not in the top (\\d+))");
    private static final Pattern AT_R = Pattern.compile("^at r=\\d+ ");
    private static final Pattern ETA = Pattern.compile("\\beta=(\\d+)");
    /** The rung levels in a scheduler's description: "levels=[3, 9, 27]" (rung schedulers), "checks=[...]" (median). */
    private static final Pattern LEVELS = Pattern.compile("(?:levels|checks)=\\[([\\d, ]+)\\]");
    private static final Pattern TOP = Pattern.compile("(?:top 1/\\d+ of \\d+ = |needs top )(\\d+)");

    private final int trialId;
    private Metric metric;
    private Long eta;
    private Set<Long> levels = Set.of();
    private long topLevel = Long.MAX_VALUE;
    private final List<JournalEntry> own = new ArrayList<>();
    /** Every result of the journal, for reconstructed ranks: seq, trial, resource, loss. */
    private final List<long[]> resultKeys = new ArrayList<>();
    private final List<Double> resultLosses = new ArrayList<>();
    /** SyncBracket rungs: the label, its members' losses by trial, and the event that cut it. */
    private final Map<String, Map<Integer, Double>> syncMembers = new HashMap<>();
    private final Map<String, JournalEntry> syncCuts = new HashMap<>();
    private JournalEntry ending;
    private long lastSeq;

    /** The path of trial {@code trialId}; feed it the journal with {@link #add}. */
    public TrialPath(int trialId) {
        this.trialId = trialId;
    }

    /** The path of {@code trialId} in {@code journal} (every entry, in order). */
    public static TrialPath of(Iterable<JournalEntry> journal, int trialId) {
        TrialPath p = new TrialPath(trialId);
        journal.forEach(p::add);
        return p;
    }

    /** Takes the next entry of the journal. */
    public void add(JournalEntry entry) {
        JournalEvent e = entry.event();
        lastSeq = entry.seq();
        if (e instanceof JournalEvent.Experiment x) {
            metric = x.metric();
            Matcher m = ETA.matcher(x.scheduler());
            eta = m.find() ? Long.valueOf(m.group(1)) : null;
            Matcher l = LEVELS.matcher(x.scheduler());
            if (l.find()) {
                List<Long> ls = Arrays.stream(l.group(1).split(",\\s*")).map(Long::valueOf).toList();
                levels = Set.copyOf(ls);
                topLevel = ls.get(ls.size() - 1);
            }
        } else if (e instanceof JournalEvent.Finish || e instanceof JournalEvent.Paused) {
            ending = entry;
        } else if (e instanceof JournalEvent.Resumed) {
            ending = null;
        } else if (e instanceof JournalEvent.Result r && metric != null) {
            Double value = r.metrics().get(metric.name());
            if (value != null) {
                double loss = metric.loss(value);
                resultKeys.add(new long[] {entry.seq(), r.trialId(), r.resource()});
                resultLosses.add(loss);
                Matcher label = SYNC_LABEL.matcher(r.reason());
                if (label.find()) {
                    syncMembers.computeIfAbsent(label.group(1), k -> new LinkedHashMap<>()).put(r.trialId(), loss);
                    if (SYNC_CUT.matcher(r.reason()).find()) {
                        syncCuts.put(label.group(1), entry);
                    }
                }
            }
        }
        if (e.trialId() == trialId) {
            own.add(entry);
        }
    }

    /** True when the journal started the trial. */
    public boolean found() {
        return !own.isEmpty() && own.get(0).event() instanceof JournalEvent.Start;
    }

    /** The lines of {@link #steps()}: "seq N  text". */
    public List<String> lines() {
        return steps().stream().map(s -> String.format(Locale.ROOT, "seq %-6d %s", s.seq(), s.text())).toList();
    }

    /** The steps in journal order; none when the journal did not start the trial. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        if (!found()) {
            return steps;
        }
        TrialStatus status = TrialStatus.RUNNING;
        long at = 0;
        long target = 0;
        Kind decided = null; // the outcome a result's decision already told, so that its end event does not repeat it
        for (JournalEntry entry : own) {
            JournalEvent e = entry.event();
            if (e instanceof JournalEvent.Start s) {
                target = s.resource();
                steps.add(step(entry, Kind.START, null, "started from scratch, to run to r=" + s.resource()));
            } else if (e instanceof JournalEvent.Result r) {
                at = r.resource();
                Step s = decision(entry, r);
                if (s != null) {
                    steps.add(s);
                    decided = s.kind();
                }
            } else if (e instanceof JournalEvent.Resume r) {
                target = r.resource();
                status = TrialStatus.RUNNING;
                steps.add(resume(entry, r));
            } else if (e instanceof JournalEvent.End end) {
                status = end.status();
                at = end.resource();
                Kind kind = switch (end.status()) {
                    case COMPLETED -> Kind.COMPLETED;
                    case STOPPED -> Kind.STOPPED;
                    case FAILED -> Kind.FAILED;
                    default -> Kind.PAUSED;
                };
                if (kind != decided) {
                    steps.add(step(entry, kind, null, end.status().name().toLowerCase(Locale.ROOT) + " at r=" + end.resource()
                            + (end.reason().isEmpty() ? "" : ": " + end.reason())));
                }
                decided = null;
            } else if (e instanceof JournalEvent.Suspend s) {
                status = TrialStatus.PAUSED;
                steps.add(step(entry, Kind.SUSPENDED, null, "its job towards r=" + s.resource() + " was suspended at r=" + at
                        + " (" + s.reason() + "); it runs again when the experiment resumes"));
            } else if (e instanceof JournalEvent.Restart r) {
                status = TrialStatus.RUNNING;
                target = r.resource();
                steps.add(step(entry, Kind.RESTARTED, null, "restarted " + (r.checkpoint() ? "from its checkpoint at r=" + r.from()
                        : "from scratch (no checkpoint)") + ", to run to r=" + r.resource() + ": " + r.reason()));
            } else if (e instanceof JournalEvent.Invalid i) {
                steps.add(step(entry, Kind.REFUSED, null, "its report at r=" + i.resource() + " was refused: " + i.reason()));
            } else if (e instanceof JournalEvent.Gc gc) {
                steps.add(step(entry, Kind.CHECKPOINT, null, "its " + (gc.best() ? "best" : "latest") + " checkpoint was deleted: "
                        + gc.reason()));
            }
        }
        steps.addAll(cuts());
        steps.sort(Comparator.comparingLong(Step::seq));
        Step now = now(status, at, target);
        if (now != null) {
            steps.add(now);
        }
        return steps;
    }

    /** A result's decision: a pause or stop with its reason, or a continue whose reason says something. */
    private Step decision(JournalEntry entry, JournalEvent.Result r) {
        Double value = metric == null ? null : r.metrics().get(metric.name());
        if (r.reason().isEmpty() && r.decision().equals("continue")) {
            if (!levels.contains(r.resource()) || r.resource() == topLevel) {
                return null; // a report between rungs, or at the top where the trial completes
            }
            Standing s = standing("", null, r.resource(), entry.seq());
            return new Step(entry.seq(), entry.time(), Kind.RUNG, s, "r=" + r.resource() + ", a rung level: " + value(value) + " "
                    + rankText(s) + ": continues");
        }
        String reason = r.reason();
        Kind kind = switch (r.decision()) {
            case "pause" -> Kind.PAUSED;
            case "stop" -> Kind.STOPPED;
            default -> Kind.RUNG;
        };
        if (!r.byScheduler()) {
            return new Step(entry.seq(), entry.time(), kind, null, kind.name().toLowerCase(Locale.ROOT) + " at r=" + r.resource()
                    + " by the tuner, not the scheduler: " + reason);
        }
        Matcher rung = RUNG.matcher(reason);
        Integer k = rung.find() ? Integer.valueOf(rung.group(1)) : null;
        Matcher sync = SYNC_LABEL.matcher(reason);
        if (sync.find() && !RANK.matcher(reason).find()) { // a synchronous rung still filling: no rank before it is full
            return new Step(entry.seq(), entry.time(), kind, null, sync.group(1) + ": " + value(value) + "; "
                    + reason.substring(sync.end()) + ": " + kind.name().toLowerCase(Locale.ROOT));
        }
        Standing standing = standing(reason, k, r.resource(), entry.seq());
        String where;
        String rule;
        if (sync.find(0)) {
            where = sync.group(1);
            rule = reason.substring(sync.end()).replaceFirst("; rank \\d+ of \\d+, ", "; ");
        } else {
            Matcher head = RUNG_HEAD.matcher(reason);
            if (head.find()) {
                Matcher level = RUNG.matcher(reason);
                String at = level.find() && !level.group(2).equals(Long.toString(r.resource()))
                        ? level.group(2) + ", by the report at " + r.resource() : Long.toString(r.resource()); // a report past the level
                where = (head.group(1) == null ? "" : head.group(1)) + "rung " + k + " (r=" + at + ")";
                rule = reason.substring(head.end());
            } else {
                where = "r=" + r.resource();
                rule = AT_R.matcher(reason).replaceFirst("");
            }
        }
        rule = cutoff(rule, standing.size());
        String outcome = switch (kind) {
            case PAUSED -> "paused" + promotable(rule, standing);
            case STOPPED -> "stopped";
            default -> "continues";
        };
        return new Step(entry.seq(), entry.time(), kind, standing, where + ": " + value(value) + " " + rankText(standing)
                + "; " + rule + ": " + outcome);
    }

    /** "promotion needs top 7" with eta known: "promotion needs the top 1/3 of 21 = 7". */
    private String cutoff(String rule, int size) {
        if (eta == null) {
            return rule;
        }
        Matcher m = NEEDS_TOP.matcher(rule);
        if (m.find()) {
            return m.replaceFirst("promotion needs the top 1/" + eta + " of " + size + " = " + m.group(1));
        }
        m = PROMOTABLE.matcher(rule);
        return m.find() ? m.replaceFirst("the top 1/" + eta + " of " + size + " = " + m.group(1) + " are promotable") : rule;
    }

    /** Whether a paused trial is within the cutoff the rule names. */
    private static String promotable(String rule, Standing s) {
        Matcher m = TOP.matcher(rule);
        if (!m.find()) {
            return "";
        }
        int top = Integer.parseInt(m.group(1));
        return s.rank() <= top ? ", in the top " + top + ": promotable when a worker is free"
                : ", not in the top " + top + " (promoted later only if the rung grows and it rises into it)";
    }

    private Step resume(JournalEntry entry, JournalEvent.Resume r) {
        String reason = r.reason();
        String tail = ": resumes from its checkpoint at r=" + r.from() + ", to run to r=" + r.resource();
        Matcher rank = RANK.matcher(reason);
        if (!rank.find()) {
            return step(entry, Kind.PROMOTED, null, (reason.isEmpty() ? "resumed" : reason) + tail);
        }
        Matcher rung = RUNG.matcher(reason);
        Integer k = rung.find() ? Integer.valueOf(rung.group(1)) : null;
        Standing s = new Standing(k, r.from(), Integer.parseInt(rank.group(1)), Integer.parseInt(rank.group(2)), false);
        String head = reason.substring(0, rank.start()).replaceFirst(": $", "");
        String rule = cutoff(reason.substring(rank.end()).replaceFirst("^, ", ""), s.size());
        return step(entry, Kind.PROMOTED, s, head + ", " + rankText(s) + " there, " + rule + tail);
    }

    /** From the reason when it has "rank i of n", else counted from the results at {@code resource} up to {@code seq}. */
    private Standing standing(String reason, Integer rung, long resource, long seq) {
        Matcher m = RANK.matcher(reason);
        if (m.find()) {
            return new Standing(rung, resource, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false);
        }
        double own = Double.NaN;
        for (int i = 0; i < resultKeys.size(); i++) {
            long[] key = resultKeys.get(i);
            if (key[0] == seq) {
                own = resultLosses.get(i);
            }
        }
        int better = 0;
        int size = 0;
        for (int i = 0; i < resultKeys.size(); i++) {
            long[] key = resultKeys.get(i);
            if (key[0] > seq) {
                break;
            }
            if (key[2] == resource) {
                size++;
                double loss = resultLosses.get(i);
                if (loss < own || (loss == own && key[1] < trialId)) {
                    better++;
                }
            }
        }
        return new Standing(rung, resource, better + 1, size, true);
    }

    /** The steps of SyncBracket rungs the trial waited in and another trial's result cut, leaving it out. */
    private List<Step> cuts() {
        List<Step> steps = new ArrayList<>();
        syncMembers.forEach((label, members) -> {
            JournalEntry cut = syncCuts.get(label);
            Double own = members.get(trialId);
            if (cut == null || own == null || cut.event().trialId() == trialId) {
                return;
            }
            Matcher m = SYNC_CUT.matcher(((JournalEvent.Result) cut.event()).reason());
            m.find();
            int n = Integer.parseInt(m.group(1));
            int top = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            int rank = 1;
            for (Map.Entry<Integer, Double> o : members.entrySet()) {
                if (o.getValue() < own || (o.getValue().equals(own) && o.getKey() < trialId)) {
                    rank++;
                }
            }
            Matcher rung = RUNG.matcher(label);
            rung.find();
            Standing s = new Standing(Integer.valueOf(rung.group(1)), Long.parseLong(rung.group(2)), rank, n, true);
            steps.add(new Step(cut.seq(), cut.time(), Kind.CUT, s, label + " is complete (all " + n + " results in, the last from trial "
                    + cut.event().trialId() + "): ranked " + ordinal(rank) + " of " + n + " (counted from the rung's recorded results), the top "
                    + top + " go on: "
                    + (rank <= top ? "promoted" : "not promoted, it stays paused for good")));
        });
        return steps;
    }

    /** Where the trial is at the end of the journal, when that is not told by its last step. */
    private Step now(TrialStatus status, long at, long target) {
        if (status.isFinal()) {
            return null;
        }
        String session = ending == null ? null : ((ending.event() instanceof JournalEvent.Finish f) ? "finished (" + f.summary().reason() + ")"
                : "paused (" + ((JournalEvent.Paused) ending.event()).summary().reason() + ")");
        long seq = ending == null ? lastSeq : ending.seq();
        Instant time = ending == null ? null : ending.time();
        if (status == TrialStatus.PAUSED) {
            boolean over = ending != null && ending.event() instanceof JournalEvent.Finish;
            return new Step(seq, time, Kind.NOW, null, over ? "the experiment " + session + " with it paused at r=" + at
                    + ": it goes no further unless the experiment is extended (ladder resume --max-trials)"
                    : "paused at r=" + at + (session == null ? "" : "; the experiment " + session)
                    + ": it may still be promoted as the experiment goes on");
        }
        return new Step(seq, time, Kind.NOW, null, "running at r=" + at + ", towards r=" + target
                + (session == null ? "" : "; the experiment " + session));
    }

    private Step step(JournalEntry entry, Kind kind, Standing s, String text) {
        return new Step(entry.seq(), entry.time(), kind, s, text);
    }

    private String value(Double v) {
        return metric == null || v == null ? "no value" : metric.name() + " " + String.format(Locale.ROOT, "%.4g", v);
    }

    private static String rankText(Standing s) {
        return s.reconstructed() ? "ranked " + ordinal(s.rank()) + " of the " + s.size() + " results at r=" + s.resource()
                + " so far (counted from the recorded results)" : "ranked " + ordinal(s.rank()) + " of " + s.size();
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st. */
    public static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
