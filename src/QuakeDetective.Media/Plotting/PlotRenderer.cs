using System.Globalization;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Processing;
using ScottPlot;
using SkiaSharp;

namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Draws a subject as a PNG with ScottPlot: the waveform (vertical component large, horizontals optionally as smaller
/// panels below) or a spectrogram of the vertical. Deterministic: the same traces and settings give the same bytes.
/// Thread-safe: every call builds its own plots.
/// </summary>
public sealed class PlotRenderer
{
    /// <summary>Bumped whenever the picture changes for the same input, so that cached files are not reused.</summary>
    public const int FormatVersion = 2;

    private readonly string _fontFamily;

    public PlotRenderer()
        : this(null)
    {
    }

    /// <param name="fontFile">A TrueType file for all text; null looks in the usual system places (DejaVu Sans first).</param>
    public PlotRenderer(string? fontFile)
    {
        _fontFamily = PlotFonts.EnsureFamily(fontFile);
    }

    /// <summary>Which font the plots use: a file path, a system family, or a note that there is none.</summary>
    public static string FontSource => PlotFonts.Source;

    /// <summary>Renders the vertical component alone.</summary>
    public byte[] RenderPng(Trace vertical, PlotSettings settings) => Render(vertical, [], settings).Png;

    /// <summary>Renders a subject; <paramref name="horizontals"/> are drawn when <see cref="PlotSettings.ShowHorizontals"/> is set.</summary>
    public byte[] RenderPng(Trace vertical, IReadOnlyList<Trace> horizontals, PlotSettings settings) => Render(vertical, horizontals, settings).Png;

    /// <summary>As <see cref="RenderPng(Trace, IReadOnlyList{Trace}, PlotSettings)"/>, with where the data lies in the image.</summary>
    public RenderedPlot Render(Trace vertical, IReadOnlyList<Trace> horizontals, PlotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(vertical);
        ArgumentNullException.ThrowIfNull(horizontals);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        var style = PlotStyle.For(settings.WidthPx, settings.HeightPx);

        // Opaque: the PNG is RGB, a quarter less to compress and send than RGBA for the same picture.
        var info = new SKImageInfo(settings.ImageWidthPx, settings.ImageHeightPx, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);

        // Everything is laid out in layout pixels; a high-density picture is the same drawing at a larger scale.
        surface.Canvas.Scale(settings.Scale);

        if (settings.Kind == PlotKind.Spectrogram)
        {
            DrawSpectrogram(surface.Canvas, vertical, settings, style);
        }
        else
        {
            var shown = settings.ShowHorizontals ? horizontals : [];
            DrawWaveforms(surface.Canvas, vertical, shown, settings, style);
        }

        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();

        // Measured on 1280×500 plots: the "up" row filter at zlib level 3 encodes 3–4× faster than trying every
        // filter (2.5 vs 10 ms for a waveform, 8 vs 18 ms for a spectrogram) for files within 3 % of the size.
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 3))
            ?? throw new InvalidOperationException("Skia could not encode the plot as PNG.");
        return new RenderedPlot(png.ToArray(), DataArea(settings));
    }

    /// <summary>
    /// Where the data lies in the image that <see cref="Render"/> makes for these settings, from the same layout code
    /// (no rendering): the time axis spans the data rectangle from its left to its right edge.
    /// </summary>
    public static PlotDataArea DataArea(PlotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var style = PlotStyle.For(settings.WidthPx, settings.HeightPx);
        var rightPadding = settings.Kind == PlotKind.Spectrogram ? ColourBarPadding(style) : style.RightPadding;
        double scale = settings.Scale;
        return new PlotDataArea(
            settings.ImageWidthPx,
            settings.ImageHeightPx,
            style.LeftPadding * scale,
            (settings.WidthPx - rightPadding) * scale,
            style.TopPadding * scale,
            (settings.HeightPx - style.BottomPadding) * scale);
    }

    /// <summary>Space right of a spectrogram for the colour bar, its ticks and its label.</summary>
    private static float ColourBarPadding(PlotStyle style) => MathF.Round(style.TickFontSize * 3.4f + style.LabelFontSize * 1.5f + 18);

    private void DrawWaveforms(SKCanvas canvas, Trace vertical, IReadOnlyList<Trace> horizontals, PlotSettings settings, PlotStyle style)
    {
        var traces = new List<Trace>(1 + horizontals.Count) { vertical };
        traces.AddRange(horizontals);
        var samples = traces.Select(t => Prepare(t, settings)).ToList();

        // Time axis: seconds after the vertical's first sample, covering every component shown.
        var offsets = traces.Select(t => (t.StartTimeNs - vertical.StartTimeNs) / 1e9).ToList();
        var end = traces.Select((t, i) => offsets[i] + Math.Max(t.Count - 1, 0) / t.SampleRate).Max();
        var start = Math.Min(0, offsets.Min());
        if (!(end > start))
        {
            end = start + 1;
        }

        // One amplitude scale for the whole subject, so that components compare; or the campaign's fixed one.
        var limit = settings.FixedAmplitudeLimit ?? AutoLimit(samples);

        var weights = traces.Select((_, i) => i == 0 ? 2.0 : 1.0).ToList();
        var top = style.TopPadding;
        var bottom = settings.HeightPx - style.BottomPadding;
        var gap = style.PanelGap;
        var available = Math.Max(bottom - top - gap * (traces.Count - 1), traces.Count);
        var y = top;
        for (var i = 0; i < traces.Count; i++)
        {
            var first = i == 0;
            var last = i == traces.Count - 1;
            var height = (float)(available * weights[i] / weights.Sum());
            var padTop = first ? style.TopPadding : gap / 2;
            var padBottom = last ? style.BottomPadding : gap / 2;
            var rect = new PixelRect(0, settings.WidthPx, y + height + padBottom, y - padTop);

            using var plot = NewPlot(style);
            plot.Layout.Fixed(new PixelPadding(style.LeftPadding, style.RightPadding, padBottom, padTop));
            var color = first ? PlotStyle.Vertical : PlotStyle.Horizontals[(i - 1) % PlotStyle.Horizontals.Length];
            AddTrace(plot, traces[i], samples[i], offsets[i], color, style);

            plot.Axes.SetLimits(start, end, -limit, limit);
            plot.Axes.Left.Label.Text = traces[i].Id.Channel.Length > 0 ? traces[i].Id.Channel : traces[i].Id.Component.ToString();
            plot.Axes.Left.Label.ForeColor = color;
            if (last)
            {
                plot.Axes.Bottom.Label.Text = TimeLabel(vertical, style);
            }
            else
            {
                plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            }

            // A plot paints its whole canvas; the clip keeps each panel to its own strip.
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            plot.Render(canvas, rect);
            canvas.Restore();
            y += height + gap;
        }

        DrawTitle(canvas, Title(vertical, settings, style, spectrogram: false), style, style.LeftPadding, settings.WidthPx - style.RightPadding);
    }

    private void DrawSpectrogram(SKCanvas canvas, Trace vertical, PlotSettings settings, PlotStyle style)
    {
        var x = Prepare(vertical, settings);
        var nyquist = vertical.SampleRate / 2;
        var maxHz = settings.HasBand ? Math.Min(settings.BandHighHz!.Value, nyquist) : nyquist;
        var colorBarWidth = ColourBarPadding(style);

        using var plot = NewPlot(style);
        plot.Layout.Fixed(new PixelPadding(style.LeftPadding, colorBarWidth, style.BottomPadding, style.TopPadding));
        plot.Axes.Bottom.Label.Text = TimeLabel(vertical, style);
        plot.Axes.Left.Label.Text = "Frequency (Hz)";

        var dataWidth = (int)Math.Max(settings.WidthPx - style.LeftPadding - colorBarWidth, 1);
        var (segment, overlap) = SegmentFor(x.Length, vertical.SampleRate, dataWidth);
        var duration = Math.Max(vertical.Count / vertical.SampleRate, 1 / vertical.SampleRate);
        if (segment == 0)
        {
            AddNoDataNote(plot, vertical.Count == 0 ? "No data" : "Too short for a spectrogram", style);
            plot.Axes.SetLimits(0, duration, 0, maxHz);
            plot.Render(canvas, new PixelRect(0, settings.WidthPx, settings.HeightPx, 0));
            DrawTitle(canvas, Title(vertical, settings, style, spectrogram: true), style, style.LeftPadding, settings.WidthPx - colorBarWidth);
            return;
        }

        var grid = SpectrogramGrid.Compute(x, vertical.SampleRate, segment, overlap, maxHz);
        var (low, high) = grid.ColourRange();
        var heatmap = new SpectrogramPlot(grid, low, high);
        plot.Add.Plottable(heatmap);

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "Power (dB)";
        colorBar.LabelStyle.FontSize = style.LabelFontSize;
        colorBar.LabelStyle.ForeColor = PlotStyle.Text;
        colorBar.LabelStyle.FontName = _fontFamily;
        colorBar.Axis.TickLabelStyle.FontSize = style.TickFontSize;
        colorBar.Axis.TickLabelStyle.ForeColor = PlotStyle.Text;
        colorBar.Axis.TickLabelStyle.FontName = _fontFamily;
        colorBar.Axis.MinorTickStyle.Length = 0;
        colorBar.Axis.MajorTickStyle.Color = PlotStyle.Frame;
        colorBar.Axis.FrameLineStyle.Color = PlotStyle.Frame;
        colorBar.Width = MathF.Round(style.TickFontSize * 1.2f);

        plot.Axes.SetLimits(0, duration, 0, grid.TopHz);
        plot.HideGrid();
        plot.Render(canvas, new PixelRect(0, settings.WidthPx, settings.HeightPx, 0));
        DrawTitle(canvas, Title(vertical, settings, style, spectrogram: true), style, style.LeftPadding, settings.WidthPx - colorBarWidth);
    }

    /// <summary>
    /// The title is drawn directly (not as a ScottPlot panel) so that it sits centred over the data with even space
    /// above and below, and shrinks, then is cut with an ellipsis, when a phone-sized image is too narrow for it.
    /// </summary>
    private void DrawTitle(SKCanvas canvas, string text, PlotStyle style, float left, float right)
    {
        if (_fontFamily.Length == 0)
        {
            return;
        }

        var typeface = ScottPlot.Fonts.GetTypeface(_fontFamily, bold: false, italic: false);
        using var font = new SKFont(typeface, style.TitleFontSize) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = new SKColor(PlotStyle.Text.ARGB), IsAntialias = true };
        var available = right - left;
        while (font.MeasureText(text) > available && font.Size > style.TickFontSize)
        {
            font.Size -= 0.5f;
        }

        while (font.MeasureText(text) > available && text.Length > 2)
        {
            text = text[..^2] + "…";
        }

        var baseline = style.TopPadding / 2 + font.Size * 0.35f;
        canvas.DrawText(text, (left + right) / 2, baseline, SKTextAlign.Center, font, paint);
    }

    private Plot NewPlot(PlotStyle style)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = PlotStyle.Background;
        plot.DataBackground.Color = PlotStyle.Background;
        if (_fontFamily.Length > 0)
        {
            plot.Font.Set(_fontFamily);
        }

        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom, plot.Axes.Right, plot.Axes.Top })
        {
            axis.FrameLineStyle.Color = PlotStyle.Frame;
            axis.FrameLineStyle.Width = 1;
            axis.MajorTickStyle.Color = PlotStyle.Frame;
            axis.MajorTickStyle.Length = 4;
            axis.MinorTickStyle.Length = 0;
            axis.TickLabelStyle.FontSize = style.TickFontSize;
            axis.TickLabelStyle.ForeColor = PlotStyle.Text;
            axis.Label.FontSize = style.LabelFontSize;
            axis.Label.ForeColor = PlotStyle.Text;
            axis.Label.Bold = false;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = CompactNumber };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.##", CultureInfo.InvariantCulture) };
        plot.Grid.MajorLineColor = PlotStyle.Grid;
        plot.Grid.MajorLineWidth = 1;
        plot.Grid.MinorLineWidth = 0;
        return plot;
    }

    private static void AddTrace(Plot plot, Trace trace, double[] samples, double offsetSeconds, ScottPlot.Color color, PlotStyle style)
    {
        if (samples.Length == 0)
        {
            AddNoDataNote(plot, "No data", style);
            return;
        }

        plot.Add.Plottable(new EnvelopePlot(samples, trace.SampleRate, offsetSeconds, color, style.LineWidth));
    }

    private static void AddNoDataNote(Plot plot, string text, PlotStyle style)
    {
        var note = plot.Add.Annotation(text, Alignment.MiddleCenter);
        note.LabelStyle.FontSize = style.LabelFontSize;
        note.LabelStyle.ForeColor = PlotStyle.Text;
        note.LabelStyle.BackgroundColor = PlotStyle.Background;
        note.LabelStyle.BorderColor = PlotStyle.Frame;
        note.LabelStyle.ShadowColor = Colors.Transparent;
    }

    /// <summary>Demeaned, gaps filled with zero, band-passed when the campaign asks for it.</summary>
    private static double[] Prepare(Trace trace, PlotSettings settings)
    {
        var x = Conditioning.DemeanAndFill(trace.Samples);
        if (!settings.HasBand || x.Length == 0)
        {
            return x;
        }

        var nyquist = trace.SampleRate / 2;
        if (settings.BandHighHz!.Value >= nyquist)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Plot band-pass high corner {settings.BandHighHz} Hz is not below the Nyquist frequency {nyquist} Hz of {trace.Id} ({trace.SampleRate} Hz); lower BandHighHz for this campaign."),
                nameof(settings));
        }

        Conditioning.HannTaper(x, 0.05);
        return Butterworth.BandPass(settings.FilterCorners, settings.BandLowHz!.Value, settings.BandHighHz.Value, trace.SampleRate)
            .FilterZeroPhase(x);
    }

    private static double AutoLimit(IEnumerable<double[]> samples)
    {
        var peak = 0.0;
        foreach (var x in samples)
        {
            foreach (var v in x)
            {
                peak = Math.Max(peak, Math.Abs(v));
            }
        }

        // A flat trace still gets a sensible axis; a little head-room keeps the peak off the frame.
        return peak > 0 && double.IsFinite(peak) ? peak * 1.08 : 1.0;
    }

    /// <summary>Segment length about 6 s (256 samples at 40 Hz), longer when there would be far more segments than pixels.</summary>
    private static (int Segment, int Overlap) SegmentFor(int count, double sampleRate, int dataWidth)
    {
        var segment = 16;
        while (segment * 2 <= sampleRate * 6.4 * 1.5)
        {
            segment *= 2;
        }

        while (segment > count && segment > 16)
        {
            segment /= 2;
        }

        if (segment > count)
        {
            return (0, 0);
        }

        while (count / (segment / 2) > 2 * dataWidth && segment * 4 <= count)
        {
            segment *= 2;
        }

        return (segment, segment / 2);
    }

    private static string Title(Trace vertical, PlotSettings settings, PlotStyle style, bool spectrogram)
    {
        var parts = new List<string> { vertical.Id.ToString() };
        if (spectrogram)
        {
            parts.Add("spectrogram");
        }

        if (settings.HasBand)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{settings.BandLowHz:0.###}–{settings.BandHighHz:0.###} Hz"));
        }

        if (!style.Compact)
        {
            parts.Add(settings.FixedAmplitudeLimit is { } limit && !spectrogram ? "fixed ±" + CompactNumber(limit) : spectrogram ? "" : "auto scale");
        }

        return string.Join("  ·  ", parts.Where(p => p.Length > 0));
    }

    private static string TimeLabel(Trace vertical, PlotStyle style)
    {
        var start = vertical.StartUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return style.Compact ? $"s after {start} UTC" : $"Time (s) after {start} UTC";
    }

    /// <summary>Tick labels of at most about five characters: 12, 0.5, 1.5k, 2M, 3e-7.</summary>
    internal static string CompactNumber(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude < 1e-300)
        {
            return "0";
        }

        return magnitude switch
        {
            >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
            >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
            >= 1e3 => (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k",
            >= 0.01 => value.ToString("0.##", CultureInfo.InvariantCulture),
            _ => value.ToString("0.#e0", CultureInfo.InvariantCulture),
        };
    }
}
