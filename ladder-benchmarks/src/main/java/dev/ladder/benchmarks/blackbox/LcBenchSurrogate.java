package dev.ladder.benchmarks.blackbox;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Map;

/**
 * The YAHPO Gym {@code lcbench} ONNX surrogate (Pfisterer et al. 2022, YAHPO Gym), loaded from the
 * classpath resource {@value #MODEL}. One {@link OrtSession} per JVM, created on first use and kept
 * until the JVM exits (the model is 2 MB; ONNX Runtime frees it at exit).
 *
 * <p>Thread safety: ONNX Runtime allows concurrent {@code OrtSession.run} calls on one session, and
 * every call here creates and closes its own input and output tensors, so {@link #predict} may be
 * called from any number of threads. The session uses one intra-op and one inter-op thread: a batch
 * of 52 rows is too small to gain from splitting, and callers that want parallelism run several
 * predictions at once.
 *
 * <p>Interface (README "ONNX interface"): {@code x_cont} float32 [N,8] raw values, epoch first;
 * {@code x_cat} int32 [N,1] task code; {@code output} float32 [N,6] plain metric values.
 */
final class LcBenchSurrogate {
    static final String MODEL = "/benchmarks/lcbench/model.onnx";
    static final int CONT = 8;
    static final int OUTPUTS = 6;

    private static volatile LcBenchSurrogate shared;

    private final OrtEnvironment env;
    private final OrtSession session;

    private LcBenchSurrogate(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    /** The JVM's surrogate, loaded on the first call. */
    static LcBenchSurrogate get() {
        LcBenchSurrogate s = shared;
        if (s == null) {
            synchronized (LcBenchSurrogate.class) {
                s = shared;
                if (s == null) {
                    s = load();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** Direct input buffers per thread: ONNX Runtime reads them in place instead of copying heap arrays. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        FloatBuffer cont = FloatBuffer.allocate(0);
        IntBuffer cat = IntBuffer.allocate(0);

        Buffers fit(int n) {
            if (cat.capacity() < n) {
                int rows = Math.max(n, 64);
                cont = java.nio.ByteBuffer.allocateDirect(rows * CONT * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
                cat = java.nio.ByteBuffer.allocateDirect(rows * 4).order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
            }
            return this;
        }
    }

    private static LcBenchSurrogate load() {
        byte[] model;
        try (InputStream in = LcBenchSurrogate.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("the LCBench surrogate " + MODEL + " is not on the classpath; " + Blackboxes.ADD_ON);
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the LCBench surrogate " + MODEL + ": " + e.getMessage(), e);
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                return new LcBenchSurrogate(env, env.createSession(model, options));
            }
        } catch (OrtException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot start ONNX Runtime on the LCBench surrogate " + MODEL + ": " + e.getMessage(), e);
        }
    }

    /**
     * Predicts {@code n} rows: {@code cont} holds {@code n * 8} raw inputs row by row, {@code cat} the
     * {@code n} task codes; returns {@code n * 6} outputs row by row.
     */
    float[] predict(float[] cont, int[] cat, int n) {
        if (cont.length != n * CONT || cat.length != n) {
            throw new IllegalArgumentException("expected " + n + " rows of " + CONT + " inputs and " + n
                    + " task codes, got " + cont.length + " inputs and " + cat.length + " codes");
        }
        Buffers b = BUFFERS.get().fit(n);
        b.cont.clear();
        b.cont.put(cont).flip();
        b.cat.clear();
        b.cat.put(cat).flip();
        try (OnnxTensor xCont = OnnxTensor.createTensor(env, b.cont, new long[] {n, CONT});
             OnnxTensor xCat = OnnxTensor.createTensor(env, b.cat, new long[] {n, 1});
             OrtSession.Result result = session.run(Map.of("x_cont", xCont, "x_cat", xCat))) {
            OnnxValue output = result.get("output").orElseThrow(
                    () -> new IllegalStateException("the LCBench surrogate has no output named 'output'"));
            FloatBuffer buffer = ((OnnxTensor) output).getFloatBuffer();
            float[] out = new float[n * OUTPUTS];
            if (buffer.remaining() != out.length) {
                throw new IllegalStateException("the LCBench surrogate returned " + buffer.remaining()
                        + " values for " + n + " rows, expected " + out.length);
            }
            buffer.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("the LCBench surrogate failed: " + e.getMessage(), e);
        }
    }
}
