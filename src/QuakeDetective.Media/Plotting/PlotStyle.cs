using ScottPlot;

namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Sizes and colours of a plot, scaled to the image so that it reads at 360 px on a phone and on large screens.
/// Colours are from the Okabe–Ito colour-blind-safe palette, on white, with dark text.
/// </summary>
internal sealed record PlotStyle
{
    public static readonly Color Text = Color.FromHex("#1A1A1A");
    public static readonly Color Frame = Color.FromHex("#8C8C8C");
    public static readonly Color Grid = Color.FromHex("#E6E6E6");
    public static readonly Color Background = Colors.White;

    /// <summary>Vertical component: near black, the most prominent.</summary>
    public static readonly Color Vertical = Color.FromHex("#1A1A1A");

    /// <summary>First and second horizontal: Okabe–Ito blue and vermillion.</summary>
    public static readonly Color[] Horizontals = [Color.FromHex("#0072B2"), Color.FromHex("#D55E00")];

    public required float TickFontSize { get; init; }

    public required float LabelFontSize { get; init; }

    public required float TitleFontSize { get; init; }

    public required float LineWidth { get; init; }

    public required bool Compact { get; init; }

    public static PlotStyle For(int widthPx, int heightPx)
    {
        // 0 at a phone-sized 360 px, 1 at 1280 px and above; the smaller dimension limits very flat images.
        var scale = (float)Math.Clamp((Math.Min(widthPx, heightPx * 2.5) - 360) / (1280.0 - 360), 0, 1);
        return new PlotStyle
        {
            TickFontSize = 11 + 3 * scale,
            LabelFontSize = 12 + 3 * scale,
            TitleFontSize = 13 + 4 * scale,
            LineWidth = 1.0f + 0.25f * scale,
            Compact = widthPx < 640,
        };
    }

    /// <summary>Space left of the data for tick labels (up to 5 characters) and the rotated axis label.</summary>
    public float LeftPadding => MathF.Round(TickFontSize * 3.4f + LabelFontSize * 1.5f + 14);

    public float RightPadding => MathF.Round(TickFontSize * 1.2f);

    public float TopPadding => MathF.Round(TitleFontSize * 2.0f + 4);

    public float BottomPadding => MathF.Round(TickFontSize * 1.6f + LabelFontSize * 1.5f + 12);

    /// <summary>Gap between stacked panels.</summary>
    public float PanelGap => MathF.Round(TickFontSize * 0.9f);
}
