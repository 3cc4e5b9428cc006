package dev.ladder.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG line chart drawn by XChart (headless): lines with optional shaded bands, the legend below the
 * plot so it never hides a line. The axes span every point of every line and band, with XChart's
 * rounded ticks; NaN points (a best-so-far curve before its first result) are left out.
 */
public final class LinePlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    /** Lines with at most this many points get a marker at each point, so that the measured points show. */
    static final int MARKERS_UP_TO = 30;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** One line: y over x, with a band between low and high (null for none). */
    public record Series(String label, double[] x, double[] y, double[] low, double[] high) {
        public Series {
            if (y.length != x.length || (low == null) != (high == null)
                    || (low != null && (low.length != x.length || high.length != x.length))) {
                throw new IllegalArgumentException("series '" + label + "': x, y, low and high must have the same length"
                        + " (low and high both given or both null)");
            }
        }
    }

    /**
     * Many lines drawn alike (one colour, null for the next of the palette; thin, no markers) under one legend entry:
     * learning curves of one kind. Curves are drawn after every series, in the order added: the last added on top.
     */
    public record Curves(String label, Color color, List<double[]> x, List<double[]> y) {
        public Curves {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("curves '" + label + "': " + x.size() + " x arrays for " + y.size() + " y arrays");
            }
            for (int i = 0; i < x.size(); i++) {
                if (x.get(i).length != y.get(i).length) {
                    throw new IllegalArgumentException("curves '" + label + "': line " + i + " has x and y of different lengths");
                }
            }
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Curves> curves = new ArrayList<>();
    private boolean logX;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    public LinePlot add(Curves c) {
        curves.add(c);
        return this;
    }

    /** A logarithmic x axis (its values must be positive): for resources on geometric rungs. */
    public LinePlot logX() {
        logX = true;
        return this;
    }

    /** The chart as XChart builds it, for tests that check what it spans. */
    XYChart chart() {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.DARK_GRAY);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setPlotContentSize(0.94); // a margin inside the axes: a line on the extreme value stays visible
        st.setAntiAlias(curves.isEmpty()); // hundreds of anti-aliased curves take 5 times as long to draw
        st.setXAxisTickMarkSpacingHint(110); // fewer, wider-spaced tick labels: no two run into each other
        st.setYAxisTickMarkSpacingHint(60);
        double[] xr = logX ? null : niceRange(true);
        double[] yr = niceRange(false);
        st.setXAxisLogarithmic(logX);
        if (xr != null) {
            st.setXAxisMin(xr[0]);
            st.setXAxisMax(xr[1]);
        }
        if (yr != null) {
            st.setYAxisMin(yr[0]);
            st.setYAxisMax(yr[1]);
        }
        int n = 0;
        for (Series s : series) {
            Color c = COLORS[n % COLORS.length];
            if (s.low() != null) {
                band(chart, s, n, c);
            }
            double[][] xy = finite(s.x(), s.y(), null);
            if (xy[0].length == 0) {
                n++;
                continue;
            }
            XYSeries line = chart.addSeries(s.label(), xy[0], xy[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(c);
            line.setLineStyle(new BasicStroke(2.2f));
            line.setMarkerColor(c);
            line.setMarker(xy[0].length <= MARKERS_UP_TO ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            n++;
        }
        for (Curves group : curves) {
            Color c = group.color() != null ? group.color() : COLORS[n++ % COLORS.length];
            double[][] first = group.x().isEmpty() ? null : finite(group.x().get(0), group.y().get(0), null);
            if (first == null || first[0].length == 0) {
                continue;
            }
            for (int i = 0; i < group.x().size(); i++) {
                double[][] xy = finite(group.x().get(i), group.y().get(i), null);
                if (xy[0].length == 0) {
                    continue;
                }
                XYSeries line = chart.addSeries(group.label() + " #" + i, xy[0], xy[1]);
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                line.setLineColor(c);
                line.setLineStyle(new BasicStroke(1.2f));
                line.setMarker(SeriesMarkers.NONE);
                line.setShowInLegend(false);
            }
            XYSeries key = chart.addSeries(group.label(), new double[] {first[0][0]}, new double[] {first[1][0]});
            key.setLineColor(c); // the legend entry of the group: one point, drawn as nothing
            key.setLineStyle(new BasicStroke(2.2f));
            key.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** The chart as PNG bytes. */
    public byte[] png() {
        System.setProperty("java.awt.headless", "true");
        try {
            return BitmapEncoder.getBitmapBytes(chart(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart '" + title + "' as PNG", e);
        }
    }

    public void write(Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BitmapEncoder.saveBitmap(chart(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The span of every finite x (or y, with the bands) widened to multiples of a 1-2-5 step, so that the axis
     * starts and ends on round numbers and XChart's ticks fall on them; null when there is no point.
     */
    double[] niceRange(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<double[]> all = new ArrayList<>();
        for (Series s : series) {
            all.addAll(Arrays.asList(x ? new double[][] {s.x()} : new double[][] {s.y(), s.low(), s.high()}));
        }
        for (Curves c : curves) {
            all.addAll(x ? c.x() : c.y());
        }
        for (double[] values : all) {
            if (values == null) {
                continue;
            }
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return null;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / 20); // a twentieth: round ends without much empty space past the data
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The band between low and high as one polygon (high left to right, then low right to left), not in the legend. */
    private static void band(XYChart chart, Series s, int n, Color c) {
        double[][] hi = finite(s.x(), s.high(), s.low());
        double[][] lo = finite(s.x(), s.low(), s.high());
        if (hi[0].length < 2) {
            return;
        }
        int m = hi[0].length;
        double[] px = new double[2 * m];
        double[] py = new double[2 * m];
        for (int i = 0; i < m; i++) {
            px[i] = hi[0][i];
            py[i] = hi[1][i];
            px[2 * m - 1 - i] = lo[0][i];
            py[2 * m - 1 - i] = lo[1][i];
        }
        XYSeries band = chart.addSeries(s.label() + " (band " + n + ")", px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 45));
        band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }

    /** The points where {@code y} (and {@code also}, when given) is a number. */
    private static double[][] finite(double[] x, double[] y, double[] also) {
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (also == null || Double.isFinite(also[i]))) {
                k++;
            }
        }
        double[] fx = new double[k];
        double[] fy = new double[k];
        k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (also == null || Double.isFinite(also[i]))) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        return new double[][] {fx, fy};
    }
}
