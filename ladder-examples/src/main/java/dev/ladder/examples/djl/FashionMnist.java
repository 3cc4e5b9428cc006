package dev.ladder.examples.djl;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Zalando, MIT licence) read from its gzipped IDX files: 60,000 training and 10,000 test
 * images of 28 x 28 grey pixels in 10 classes. Debian's {@code dataset-fashion-mnist} puts the files in
 * {@link #DEBIAN_DIR}; {@code .ci/run} installs it.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} installs the four files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Pixels per image. */
    public static final int PIXELS = 28 * 28;
    /** The class names, by label. */
    public static final java.util.List<String> CLASSES = java.util.List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private FashionMnist() {
    }

    /** The first {@code rows} training images of the set in {@code dir} (the files keep the classes mixed). */
    public static ImageSet train(Path dir, int rows) {
        return read(dir, "train", rows);
    }

    /** The first {@code rows} test images of the set in {@code dir}. */
    public static ImageSet test(Path dir, int rows) {
        return read(dir, "t10k", rows);
    }

    /** Fails with the command that installs the data when {@code dir} lacks a file. */
    public static void requireInstalled(Path dir) {
        for (String prefix : new String[] {"train", "t10k"}) {
            for (String kind : new String[] {"images-idx3", "labels-idx1"}) {
                Path file = dir.resolve(prefix + "-" + kind + "-ubyte.gz");
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("Fashion-MNIST is missing: no " + file + ". Install Debian's package"
                            + " (apt-get install dataset-fashion-mnist, as .ci/run does) or pass the folder holding the"
                            + " four IDX files");
                }
            }
        }
    }

    private static ImageSet read(Path dir, String prefix, int rows) {
        requireInstalled(dir);
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        try (DataInputStream in = open(images); DataInputStream lin = open(labels)) {
            int count = header(in, IMAGES_MAGIC, images);
            int h = in.readInt();
            int w = in.readInt();
            if (h * w != PIXELS) {
                throw new IllegalStateException(images + ": images of " + h + " x " + w + ", expected 28 x 28");
            }
            int labelCount = header(lin, LABELS_MAGIC, labels);
            if (labelCount != count) {
                throw new IllegalStateException(images + " holds " + count + " images but " + labels + " " + labelCount + " labels");
            }
            if (rows < 1 || rows > count) {
                throw new IllegalArgumentException("cannot take " + rows + " rows of " + images + ", which holds " + count);
            }
            byte[] pixels = new byte[rows * PIXELS];
            in.readFully(pixels);
            float[] features = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                features[i] = (pixels[i] & 0xff) / 255f;
            }
            byte[] classes = new byte[rows];
            lin.readFully(classes);
            int[] y = new int[rows];
            for (int i = 0; i < rows; i++) {
                y[i] = classes[i];
            }
            return new ImageSet(features, y, PIXELS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    }

    private static int header(DataInputStream in, int magic, Path file) throws IOException {
        int m = in.readInt();
        if (m != magic) {
            throw new IllegalStateException(file + " is not an IDX file of the expected kind (magic " + Integer.toHexString(m) + ")");
        }
        return in.readInt();
    }
}
