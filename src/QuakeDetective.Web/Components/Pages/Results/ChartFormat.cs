using System.Globalization;

namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>Numbers in charts and tables: invariant culture inside SVG attributes, short human forms in text.</summary>
public static class ChartFormat
{
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Count(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1000).ToString("0", CultureInfo.InvariantCulture) + "k",
        >= 1000 => (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string Percent(double? share, string empty = "—") => share is { } s ? (100 * s).ToString("0", CultureInfo.InvariantCulture) + " %" : empty;

    public static string Share(double? value, string empty = "—") => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : empty;

    /// <summary>A blue of the given strength (0–1) for heat-map cells; text turns white on dark cells.</summary>
    public static string HeatColour(double strength)
    {
        var s = Math.Clamp(strength, 0, 1);
        var r = (int)Math.Round(244 + ((11 - 244) * s));
        var g = (int)Math.Round(247 + ((57 - 247) * s));
        var b = (int)Math.Round(250 + ((84 - 250) * s));
        return $"rgb({r},{g},{b})";
    }

    public static bool DarkCell(double strength) => strength > 0.55;
}
