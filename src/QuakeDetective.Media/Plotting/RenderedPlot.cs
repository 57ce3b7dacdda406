namespace QuakeDetective.Media.Plotting;

/// <summary>A plot as PNG bytes with the place of its data in the image.</summary>
public sealed record RenderedPlot(byte[] Png, PlotDataArea DataArea);
