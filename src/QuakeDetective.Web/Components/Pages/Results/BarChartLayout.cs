namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>
/// Where everything of an SVG bar chart goes, in view-box units: bars scaled to a round axis maximum, y ticks, and
/// which x labels to print so that they never overlap (every n-th when there are many bars).
/// </summary>
public sealed class BarChartLayout
{
    public const double Left = 48;
    public const double Right = 12;
    public const double Top = 12;
    public const double Bottom = 40;

    /// <summary>Up to this many bars every label is printed (shortened if need be).</summary>
    public const int FewBars = 12;

    /// <param name="bars">The bars, left to right.</param>
    /// <param name="width">View-box width: about the pixel width the chart is shown at, so that its 11-unit text stays readable.</param>
    /// <param name="height">View-box height.</param>
    /// <param name="maxLabelChars">Longest x label, to decide how many labels fit.</param>
    public BarChartLayout(IReadOnlyList<ChartBar> bars, double width = 640, double height = 220, double maxLabelChars = 8)
    {
        Width = width;
        Height = height;
        Ticks = NiceScale.Ticks(bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        AxisMax = Ticks[^1] > 0 ? Ticks[^1] : 1;
        var plotWidth = Width - Left - Right;
        Slot = bars.Count == 0 ? plotWidth : plotWidth / bars.Count;
        BarWidth = Math.Max(1, Slot * 0.78);

        // About 6 view-box units per character at the chart's 11-unit label size. Few bars (answers): every label,
        // shortened to its slot; many bars (days): every n-th label in full.
        var labelWidth = (maxLabelChars * 6.0) + 6;
        LabelEvery = bars.Count <= FewBars ? 1 : Math.Max(1, (int)Math.Ceiling(labelWidth / Math.Max(Slot, 0.001)));
        var maxChars = bars.Count <= FewBars ? Math.Max(3, (int)((Slot - 6) / 6.0)) : int.MaxValue;
        Bars = bars.Select((b, i) =>
        {
            var h = PlotHeight * Math.Max(0, b.Value) / AxisMax;
            var label = b.Label.Length <= maxChars ? b.Label : b.Label[..(maxChars - 1)].TrimEnd() + "…";
            return new PlacedBar(b, Left + (i * Slot) + ((Slot - BarWidth) / 2), Top + PlotHeight - h, BarWidth, h, i % LabelEvery == 0, label);
        }).ToList();
    }

    public double Width { get; }

    public double Height { get; }

    public double PlotHeight => Height - Top - Bottom;

    public double Baseline => Top + PlotHeight;

    public IReadOnlyList<double> Ticks { get; }

    public double AxisMax { get; }

    public double Slot { get; }

    public double BarWidth { get; }

    /// <summary>Print the x label of every n-th bar.</summary>
    public int LabelEvery { get; }

    public IReadOnlyList<PlacedBar> Bars { get; }

    public double YOf(double value) => Top + PlotHeight - (PlotHeight * value / AxisMax);

    public sealed record PlacedBar(ChartBar Bar, double X, double Y, double Width, double Height, bool ShowLabel, string Label)
    {
        public double CenterX => X + (Width / 2);
    }
}
