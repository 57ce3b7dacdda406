using SkiaSharp;

namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Picks the typeface for every plot once per process. A known font file is registered under a fixed name so
/// that the same input gives the same pixels whatever else is installed; without any font the plots still render
/// (lines, ticks and colours, no text) instead of failing.
/// </summary>
internal static class PlotFonts
{
    public const string RegisteredFamily = "QuakeDetective Sans";

    private static readonly Lock Gate = new();
    private static string? _family;
    private static string? _source;

    /// <summary>Well-known places of a plain sans-serif font (Debian/Ubuntu, Fedora, Arch, Alpine, macOS, Windows).</summary>
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/noto/NotoSans-Regular.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/Library/Fonts/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
        @"C:\Windows\Fonts\segoeui.ttf",
    ];

    /// <summary>Where the plot text comes from: a font file, a system family, or "none".</summary>
    public static string Source
    {
        get
        {
            EnsureFamily(null);
            return _source!;
        }
    }

    /// <summary>The family name to give ScottPlot; empty when no font at all is available.</summary>
    public static string EnsureFamily(string? preferredFile)
    {
        lock (Gate)
        {
            if (_family is not null)
            {
                return _family;
            }

            var file = new[] { preferredFile }.Concat(Candidates).FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
            if (file is not null)
            {
                ScottPlot.Fonts.AddFontFile(RegisteredFamily, file, bold: false, italic: false);
                ScottPlot.Fonts.AddFontFile(RegisteredFamily, BoldSibling(file) ?? file, bold: true, italic: false);
                _family = RegisteredFamily;
                _source = file;
                return _family;
            }

            // No known file: whatever Skia finds (possibly nothing, then text is simply not drawn).
            using var typeface = SKFontManager.Default.MatchFamily("sans-serif") ?? SKTypeface.Default;
            _family = typeface.FamilyName ?? string.Empty;
            _source = _family.Length == 0 ? "none (no font found: plots render without text)" : "system family " + _family;
            return _family;
        }
    }

    private static string? BoldSibling(string regularFile)
    {
        var folder = Path.GetDirectoryName(regularFile) ?? ".";
        var name = Path.GetFileNameWithoutExtension(regularFile);
        var ext = Path.GetExtension(regularFile);
        string[] names = name.EndsWith("-Regular", StringComparison.Ordinal)
            ? [name[..^"-Regular".Length] + "-Bold"]
            : [name + "-Bold", name + "bd", name + "b"];
        return names.Select(n => Path.Combine(folder, n + ext)).FirstOrDefault(File.Exists);
    }
}
