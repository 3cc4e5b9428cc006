package dev.ladder.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A PNG line chart drawn with Java2D (headless): lines with optional shaded bands and a legend. */
public final class LinePlot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** One line: y over x, with a band between low and high (null for none). */
    public record Series(String label, double[] x, double[] y, double[] low, double[] high) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    public void write(Path file) {
        System.setProperty("java.awt.headless", "true");
        int w = 900;
        int h = 560;
        int left = 100;
        int right = 30;
        int top = 50;
        int bottom = 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double[] xr = range(true);
        double[] yr = range(false);
        double lastMean = series.stream().mapToDouble(x -> last(x.y())).filter(v -> !Double.isNaN(v)).average().orElse(yr[0]);
        boolean legendLow = lastMean > (yr[0] + yr[1]) / 2; // keep the legend away from where the lines end
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(new Color(0xeeeeee));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int gx = left + pw * i / 5;
            int gy = top + ph * i / 5;
            g.setColor(new Color(0xeeeeee));
            g.drawLine(gx, top, gx, top + ph);
            g.drawLine(left, gy, left + pw, gy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fmt(xr[0] + (xr[1] - xr[0]) * i / 5), gx - 15, top + ph + 18);
            String yTick = fmt(yr[1] - (yr[1] - yr[0]) * i / 5);
            g.drawString(yTick, left - 6 - g.getFontMetrics().stringWidth(yTick), gy + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel, left + pw / 2 - 40, h - 25);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + 40), 16);
        g.rotate(Math.PI / 2);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            Color c = COLORS[si % COLORS.length];
            g.setClip(left, top, pw, ph);
            if (s.low() != null) {
                Path2D band = new Path2D.Double();
                boolean started = false;
                for (int i = 0; i < s.x().length; i++) {
                    if (!Double.isNaN(s.high()[i])) {
                        double px = left + (s.x()[i] - xr[0]) / (xr[1] - xr[0]) * pw;
                        double py = top + (yr[1] - s.high()[i]) / (yr[1] - yr[0]) * ph;
                        if (started) {
                            band.lineTo(px, py);
                        } else {
                            band.moveTo(px, py);
                            started = true;
                        }
                    }
                }
                for (int i = s.x().length - 1; i >= 0; i--) {
                    if (!Double.isNaN(s.low()[i])) {
                        band.lineTo(left + (s.x()[i] - xr[0]) / (xr[1] - xr[0]) * pw,
                                top + (yr[1] - s.low()[i]) / (yr[1] - yr[0]) * ph);
                    }
                }
                if (started) {
                    band.closePath();
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
                    g.fill(band);
                }
            }
            Path2D line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i])) {
                    continue;
                }
                double px = left + (s.x()[i] - xr[0]) / (xr[1] - xr[0]) * pw;
                double py = top + (yr[1] - s.y()[i]) / (yr[1] - yr[0]) * ph;
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
            }
            g.setColor(c);
            g.setStroke(new BasicStroke(2.2f));
            g.draw(line);
            g.setClip(null);
            int ly = legendLow ? top + ph - 12 - (series.size() - si) * 20 : top + 12 + si * 20;
            g.fillRect(left + pw - 190, ly, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), left + pw - 170, ly + 6);
        }
        g.dispose();
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double last(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }

    /**
     * The x range of all points; the y range of the points past the first tenth of the x range, so
     * that a best-so-far curve's first poor values do not flatten the part worth reading.
     */
    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double xFrom = Double.NEGATIVE_INFINITY;
        if (!x) {
            double[] xr = range(true);
            xFrom = xr[0] + 0.1 * (xr[1] - xr[0]);
        }
        for (Series s : series) {
            for (double[] arr : x ? new double[][] {s.x()} : new double[][] {s.y(), s.low(), s.high()}) {
                if (arr == null) {
                    continue;
                }
                for (int i = 0; i < arr.length; i++) {
                    double v = arr[i];
                    if (!Double.isNaN(v) && s.x()[i] >= xFrom) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double pad = x ? 0 : (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return a >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
