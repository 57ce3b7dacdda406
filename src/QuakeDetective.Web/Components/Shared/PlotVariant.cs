using System.Globalization;

namespace QuakeDetective.Web.Components.Shared;

/// <summary>One rendered picture of a subject: waveform or spectrogram, with or without horizontals, at a pixel size.</summary>
public sealed record PlotVariant(bool Spectrogram, bool Horizontals, int Width, int Height)
{
    /// <summary>"1200x500": how the browser side finds the data area of the image it chose.</summary>
    public string SizeKey => Width.ToString(CultureInfo.InvariantCulture) + "x" + Height.ToString(CultureInfo.InvariantCulture);
}
