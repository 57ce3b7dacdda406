namespace QuakeDetective.Web.Infrastructure;

/// <summary>What the browser asks of a plot: size in layout pixels, horizontals, spectrogram instead of waveform, and pixel density (1 = 1x, 2 = 2x).</summary>
public sealed record PlotRequest(int? Width, int? Height, bool? Horizontals, bool Spectrogram, int? Scale = null);
