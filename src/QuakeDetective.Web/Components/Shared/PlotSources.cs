using System.Globalization;

namespace QuakeDetective.Web.Components.Shared;

/// <summary>
/// The image sizes offered for each layout, chosen by CSS media queries on the viewport so that the text in the plot
/// stays readable (the renderer scales fonts with the layout size, and a phone gets a 360 px layout); each size comes
/// at 1x and 2x pixel density (<c>srcset</c> with x descriptors), the same picture with twice the pixels for
/// high-density screens.
/// </summary>
public static class PlotSources
{
    /// <summary>The picture the API's plotUrl and a bare <c>plot.png</c> give: waveform, 1200 × 500.</summary>
    public const int DefaultWidth = 1200;

    public const int DefaultHeight = 500;

    /// <summary>The pixel densities offered for every size.</summary>
    public static IReadOnlyList<int> Scales { get; } = [1, 2];

    /// <summary>One &lt;source&gt; (or the fallback &lt;img&gt; when <see cref="Media"/> is null).</summary>
    /// <param name="Url">The 1x picture.</param>
    /// <param name="SrcSet">Every density: "url 1x, url&amp;scale=2 2x".</param>
    public sealed record Source(string? Media, PlotVariant Variant, string Url, string SrcSet);

    /// <summary>The sources for a subject, narrowest first; the last one (no media query) is the &lt;img&gt;'s own.</summary>
    public static IReadOnlyList<Source> For(long subjectId, PlotLayout layout, bool spectrogram, bool horizontals, bool campaignShowsHorizontals)
    {
        horizontals = horizontals && !spectrogram;
        var sizes = layout == PlotLayout.Main
            ? new (string? Media, int Width, int Height, int HeightWithHorizontals)[]
            {
                ("(max-width: 520px)", 360, 260, 440),
                ("(max-width: 960px)", 720, 320, 540),
                (null, DefaultWidth, DefaultHeight, 760),
            }
            : [("(max-width: 520px)", 360, 220, 360), (null, 640, 260, 420)];
        return sizes.Select(size =>
        {
            var variant = new PlotVariant(spectrogram, horizontals, size.Width, horizontals ? size.HeightWithHorizontals : size.Height);
            var srcSet = string.Join(", ", Scales.Select(scale => Url(subjectId, variant, campaignShowsHorizontals, scale) + " " + scale.ToString(CultureInfo.InvariantCulture) + "x"));
            return new Source(size.Media, variant, Url(subjectId, variant, campaignShowsHorizontals), srcSet);
        }).ToList();
    }

    /// <summary>
    /// The media URL of a variant at a pixel density. The campaign's default picture at 1x keeps the bare URL that the
    /// API hands out, so the browser's cache serves both.
    /// </summary>
    public static string Url(long subjectId, PlotVariant variant, bool campaignShowsHorizontals, int scale = 1)
    {
        var bare = $"media/subjects/{subjectId.ToString(CultureInfo.InvariantCulture)}/plot.png";
        var density = scale == 1 ? string.Empty : "scale=" + scale.ToString(CultureInfo.InvariantCulture);
        if (!variant.Spectrogram && variant.Horizontals == campaignShowsHorizontals && variant.Width == DefaultWidth && variant.Height == DefaultHeight)
        {
            return density.Length == 0 ? bare : bare + "?" + density;
        }

        var query = $"?w={variant.Width.ToString(CultureInfo.InvariantCulture)}&h={variant.Height.ToString(CultureInfo.InvariantCulture)}&horizontals={(variant.Horizontals ? "true" : "false")}";
        return bare + query + (variant.Spectrogram ? "&kind=spectrogram" : string.Empty) + (density.Length == 0 ? string.Empty : "&" + density);
    }

    public static string AudioUrl(long subjectId) => $"media/subjects/{subjectId.ToString(CultureInfo.InvariantCulture)}/audio.wav";
}
