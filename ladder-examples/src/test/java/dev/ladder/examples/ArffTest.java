package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ArffTest {
    private static final String HEADER = """
            % a comment
            @relation toy

            @attribute 'checking status' { '<0', 'no checking', plain}
            @attribute age numeric
            @ATTRIBUTE class {good, bad}
            @data
            """;

    private static Dataset parse(String text) throws IOException {
        return Arff.read(new StringReader(text), "toy.arff");
    }

    @Test
    void readsTheGermanCreditData() {
        Dataset d = XGBoostDemo.creditG();

        assertThat(d.rows()).isEqualTo(1000);
        assertThat(d.classNames()).containsExactly("good", "bad");
        assertThat(d.classCounts()).containsExactly(700, 300);
        // 7 numeric columns + one column per nominal value: 4+5+11+5+5+5+3+4+3+3+4+2+2 = 56
        assertThat(d.cols()).isEqualTo(7 + 56);
        assertThat(d.featureNames()).hasSize(63).doesNotHaveDuplicates()
                .startsWith("checking_status=<0", "checking_status=0<=X<200", "checking_status=>=200",
                        "checking_status=no checking", "duration")
                .endsWith("num_dependents", "own_telephone=none", "own_telephone=yes",
                        "foreign_worker=yes", "foreign_worker=no");
        // first data line: '<0',6,'critical/other existing credit',radio/tv,1169,...,yes,yes,good
        int col = d.featureNames().indexOf("credit_history=critical/other existing credit");
        assertThat(d.feature(0, 0)).isEqualTo(1f);
        assertThat(d.feature(0, d.featureNames().indexOf("duration"))).isEqualTo(6f);
        assertThat(d.feature(0, col)).isEqualTo(1f);
        assertThat(d.feature(0, d.featureNames().indexOf("credit_amount"))).isEqualTo(1169f);
        assertThat(d.label(0)).isZero();
        assertThat(d.label(1)).isEqualTo(1);
    }

    @Test
    void everyNominalAttributeIsOneHot() {
        Dataset d = XGBoostDemo.creditG();
        String[] groups = {"checking_status=", "credit_history=", "purpose=", "savings_status=", "employment=",
            "personal_status=", "other_parties=", "property_magnitude=", "other_payment_plans=", "housing=",
            "job=", "own_telephone=", "foreign_worker="};
        for (int row = 0; row < d.rows(); row++) {
            for (String group : groups) {
                float sum = 0;
                for (int c = 0; c < d.cols(); c++) {
                    if (d.featureNames().get(c).startsWith(group)) {
                        sum += d.feature(row, c);
                    }
                }
                assertThat(sum).as("row %d, %s", row, group).isEqualTo(1f);
            }
        }
    }

    @Test
    void readsQuotedValuesMissingValuesAndComments() throws IOException {
        Dataset d = parse(HEADER + """
                '<0', 31, bad
                % a comment between rows

                'no checking',?,good
                ?,  2.5 ,'bad'
                """);

        assertThat(d.featureNames()).containsExactly(
                "checking status=<0", "checking status=no checking", "checking status=plain", "age");
        assertThat(d.classNames()).containsExactly("good", "bad");
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.features()).containsExactly(
                1f, 0f, 0f, 31f,
                0f, 1f, 0f, Float.NaN,
                Float.NaN, Float.NaN, Float.NaN, 2.5f);
        assertThat(d.labels()).containsExactly(1f, 0f, 1f);
    }

    @Test
    void wrongNumberOfValuesNamesTheLine() {
        assertThatThrownBy(() -> parse(HEADER + "'<0',31,bad\nplain,31\n"))
                .isInstanceOf(ArffException.class)
                .hasMessage("toy.arff, line 9: expected 3 values, found 2")
                .extracting(e -> ((ArffException) e).line()).isEqualTo(9);
    }

    @Test
    void undeclaredNominalValueNamesTheLineAndAttribute() {
        assertThatThrownBy(() -> parse(HEADER + "'<0',31,bad\n'>=200',31,good\n"))
                .isInstanceOf(ArffException.class)
                .hasMessage("toy.arff, line 9: attribute 'checking status': '>=200' is not one of [<0, no checking, plain]");
    }

    @Test
    void badNumberNamesTheLine() {
        assertThatThrownBy(() -> parse(HEADER + "plain,thirty,bad\n"))
                .hasMessage("toy.arff, line 8: attribute 'age': 'thirty' is not a finite number");
    }

    @Test
    void unterminatedQuoteNamesTheLine() {
        assertThatThrownBy(() -> parse(HEADER + "'<0,31,bad\n"))
                .hasMessageStartingWith("toy.arff, line 8: unterminated quoted string");
    }

    @Test
    void missingClassNamesTheLine() {
        assertThatThrownBy(() -> parse(HEADER + "plain,3,?\n"))
                .hasMessage("toy.arff, line 8: missing class value ('?') for 'class'");
    }

    @Test
    void headerProblemsNameTheLine() {
        assertThatThrownBy(() -> parse("@relation r\n@attribute s string\n@attribute c {a,b}\n@data\nx,a\n"))
                .hasMessageStartingWith("toy.arff, line 2: attribute 's': unsupported type 'string'");
        assertThatThrownBy(() -> parse("@relation r\n@attribute x numeric\n@attribute c numeric\n@data\n1,2\n"))
                .hasMessage("toy.arff, line 4: the class (last attribute) 'c' must be nominal");
        assertThatThrownBy(() -> parse("@relation r\nhello\n"))
                .hasMessage("toy.arff, line 2: expected @relation, @attribute or @data, found 'hello'");
        assertThatThrownBy(() -> parse("@relation r\n@attribute c {a, b, a}\n"))
                .hasMessage("toy.arff, line 2: attribute 'c' declares the value 'a' twice");
        assertThatThrownBy(() -> parse(HEADER + "{0 plain, 2 bad}\n"))
                .hasMessage("toy.arff, line 8: sparse ARFF data lines are not supported");
        assertThatThrownBy(() -> parse(HEADER))
                .hasMessage("toy.arff, line 7: no data rows after @data");
    }

    @Test
    void missingResourceIsNamed() {
        assertThatThrownBy(() -> Arff.load("/datasets/nope.arff"))
                .hasMessage("no classpath resource /datasets/nope.arff");
    }
}
