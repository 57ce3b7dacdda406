using System.Globalization;
using System.Net;
using System.Text;

namespace QuakeDetective.Web.Components.Pages.Admin.Models;

/// <summary>
/// Draws a confusion matrix as SVG: rows true class, columns predicted; right answers shaded blue and mistakes orange
/// (Okabe–Ito), darker with a larger share of their row, each cell with its count. Labels are HTML-encoded.
/// </summary>
public static class ConfusionMatrixSvg
{
    private const int Cell = 64;
    private const int Left = 124;
    private const int Top = 96;

    public static string Render(IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<int>> matrix, string title)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(matrix);
        var k = classes.Count;
        var width = Left + Cell * k + 70;
        var height = Top + Cell * k + 8;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append("<title>").Append(Encode(title)).Append(": confusion matrix, rows true class, columns predicted class</title>");
        svg.Append(Invariant($"<text x=\"{Left + Cell * k / 2.0}\" y=\"14\" class=\"confusion-axis\" text-anchor=\"middle\">predicted</text>"));
        var middle = Top + Cell * k / 2.0;
        svg.Append(Invariant($"<text x=\"14\" y=\"{middle}\" class=\"confusion-axis\" text-anchor=\"middle\" transform=\"rotate(-90 14 {middle})\">true</text>"));
        for (var c = 0; c < k; c++)
        {
            // Column labels slanted so that long class names do not run into each other.
            var x = Left + c * Cell + Cell / 2.0;
            svg.Append(Invariant($"<text x=\"{x}\" y=\"{Top - 8}\" class=\"confusion-label\" text-anchor=\"start\" transform=\"rotate(-35 {x} {Top - 8})\">{Encode(Short(classes[c]))}</text>"));
        }

        for (var r = 0; r < k; r++)
        {
            var row = r < matrix.Count ? matrix[r] : [];
            var total = Math.Max(1, row.Sum());
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{Top + r * Cell + Cell / 2.0 + 4}\" class=\"confusion-label\" text-anchor=\"end\">{Encode(Short(classes[r]))}</text>"));
            for (var c = 0; c < k; c++)
            {
                var count = c < row.Count ? row[c] : 0;
                var share = count / (double)total;
                svg.Append(Invariant($"<rect x=\"{Left + c * Cell}\" y=\"{Top + r * Cell}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"{Shade(share, r == c)}\" class=\"confusion-cell\"><title>true {Encode(classes[r])}, predicted {Encode(classes[c])}: {count} ({share:P0} of the row)</title></rect>"));
                var css = share > 0.55 ? "confusion-count light" : "confusion-count";
                svg.Append(Invariant($"<text x=\"{Left + c * Cell + Cell / 2.0}\" y=\"{Top + r * Cell + Cell / 2.0 + 6}\" text-anchor=\"middle\" class=\"{css}\">{count}</text>"));
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The fill of a cell: white at share 0, towards blue (diagonal) or orange (mistake) at share 1.</summary>
    public static string Shade(double share, bool diagonal)
    {
        var (r, g, b) = diagonal ? (0, 114, 178) : (213, 94, 0);
        var t = Math.Clamp(double.IsFinite(share) ? share : 0, 0, 1) * 0.9;
        int Mix(int c) => (int)Math.Round(255 + (c - 255) * t);
        return Invariant($"rgb({Mix(r)},{Mix(g)},{Mix(b)})");
    }

    private static string Short(string label) => label.Length > 15 ? label[..14] + "…" : label;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
