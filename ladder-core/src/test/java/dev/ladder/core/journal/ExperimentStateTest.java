package dev.ladder.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentStateTest {

    /** A trial stopped while a pause had suspended its job (the dashboard's stop of a trial) is not run again on resume. */
    @Test
    void anEndAfterASuspendLeavesNoSuspendedJob() {
        ExperimentState state = new ExperimentState(null, null);
        state.apply(new JournalEvent.Experiment("e", "asha", Metric.minimize("loss"), 1,
                new JournalEvent.Limits(null, null, null, null, null)));
        state.apply(new JournalEvent.Start(0, 9, Config.of(Map.of("x", 0.5))));
        state.apply(new JournalEvent.Result(0, 1, Map.of("loss", 0.3), "continue", "", true, null, 0.1));
        state.apply(new JournalEvent.Suspend(0, 9, "paused", JournalEvent.CheckpointRef.NONE));
        assertThat(state.suspended()).containsEntry(0, 9L);

        state.apply(new JournalEvent.End(0, TrialStatus.STOPPED, 1, "stopped from the dashboard", JournalEvent.CheckpointRef.NONE));

        assertThat(state.suspended()).isEmpty();
        assertThat(state.openJobs()).isEmpty();
        assertThat(state.trial(0).status()).isEqualTo(TrialStatus.STOPPED);
    }
}
