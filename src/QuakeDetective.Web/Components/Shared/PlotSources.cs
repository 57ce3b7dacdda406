using System.Globalization;

namespace QuakeDetective.Web.Components.Shared;

/// <summary>
/// The image sizes offered for each layout, chosen by CSS media queries on the viewport (not on pixel density) so that
/// the text in the plot stays readable: the renderer scales fonts with the image, and a phone gets a 360 px image.
/// </summary>
public static class PlotSources
{
    /// <summary>The picture the API's plotUrl and a bare <c>plot.png</c> give: waveform, 1200 × 500.</summary>
    public const int DefaultWidth = 1200;

    public const int DefaultHeight = 500;

    /// <summary>One &lt;source&gt; (or the fallback &lt;img&gt; when <see cref="Media"/> is null).</summary>
    public sealed record Source(string? Media, PlotVariant Variant, string Url);

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
            return new Source(size.Media, variant, Url(subjectId, variant, campaignShowsHorizontals));
        }).ToList();
    }

    /// <summary>
    /// The media URL of a variant. The campaign's default picture keeps the bare URL that the API hands out, so the
    /// browser's cache serves both.
    /// </summary>
    public static string Url(long subjectId, PlotVariant variant, bool campaignShowsHorizontals)
    {
        var bare = $"media/subjects/{subjectId.ToString(CultureInfo.InvariantCulture)}/plot.png";
        if (!variant.Spectrogram && variant.Horizontals == campaignShowsHorizontals && variant.Width == DefaultWidth && variant.Height == DefaultHeight)
        {
            return bare;
        }

        var query = $"?w={variant.Width.ToString(CultureInfo.InvariantCulture)}&h={variant.Height.ToString(CultureInfo.InvariantCulture)}&horizontals={(variant.Horizontals ? "true" : "false")}";
        return bare + query + (variant.Spectrogram ? "&kind=spectrogram" : string.Empty);
    }

    public static string AudioUrl(long subjectId) => $"media/subjects/{subjectId.ToString(CultureInfo.InvariantCulture)}/audio.wav";
}
