package dev.ladder.examples.djl;

/**
 * The PyTorch engine set up for tuning on CPU without the network: DJL must not download natives (it takes
 * libtorch from the {@code pytorch-native-cpu} jar with classifier {@code linux-x86_64} on the class path),
 * and each trial gets one intra-op and one inter-op thread, since the workers already use the cores.
 */
public final class DjlEngine {
    /** DJL's name of the PyTorch engine. */
    public static final String NAME = "PyTorch";

    private DjlEngine() {
    }

    /**
     * Sets {@code ai.djl.offline=true} and PyTorch's thread counts to 1 unless the command line set them. Call
     * it before the first use of DJL: the engine reads them when it loads.
     */
    public static void offlineCpu() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * Loads the engine and switches PyTorch's grad mode off in the calling thread: the mode is per thread and on
     * in a new one, DJL switches it off only in the thread that loaded the engine, and the in-place optimizer
     * steps of {@link MomentumSgd} need it off (a gradient collector switches it on while it collects).
     */
    static void gradientsOffInThisThread() {
        ai.djl.engine.Engine.getEngine(NAME);
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
