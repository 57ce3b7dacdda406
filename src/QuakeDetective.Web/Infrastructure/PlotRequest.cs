namespace QuakeDetective.Web.Infrastructure;

/// <summary>What the browser asks of a plot: size, horizontals, spectrogram instead of waveform.</summary>
public sealed record PlotRequest(int? Width, int? Height, bool? Horizontals, bool Spectrogram);
