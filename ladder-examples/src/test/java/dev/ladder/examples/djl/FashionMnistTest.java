package dev.ladder.examples.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test
    void aFolderWithoutTheFilesFailsNamingThePackageAndCi(@TempDir Path empty) {
        assertThatThrownBy(() -> FashionMnist.train(empty, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Fashion-MNIST is missing: no " + empty.resolve("train-images-idx3-ubyte.gz"))
                .hasMessageContaining("apt-get install dataset-fashion-mnist, as .ci/run does");
    }

    @Test
    void readsImagesAndLabelsFromTheIdxFiles() {
        FashionMnist.requireInstalled(FashionMnist.DEBIAN_DIR); // fails, naming .ci/run, when the package is missing
        ImageSet train = FashionMnist.train(FashionMnist.DEBIAN_DIR, 1000);
        ImageSet test = FashionMnist.test(FashionMnist.DEBIAN_DIR, 10_000);
        assertThat(train.rows()).isEqualTo(1000);
        assertThat(test.rows()).isEqualTo(10_000);
        assertThat(train.pixels()).isEqualTo(784);
        // the test set is balanced: 1,000 images of each class
        int[] counts = new int[10];
        Arrays.stream(test.labels()).forEach(l -> counts[l]++);
        assertThat(counts).containsOnly(1000);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : train.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        assertThatThrownBy(() -> FashionMnist.test(FashionMnist.DEBIAN_DIR, 10_001))
                .hasMessageContaining("cannot take 10001 rows");
    }
}
