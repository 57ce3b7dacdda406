namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Where the data lies in a rendered plot, in the PNG's own pixels (continuous coordinates: 0 is the left edge of the
/// first pixel column). <see cref="Left"/> is the window's start (t = 0) and <see cref="Right"/> the end of the time
/// axis (the last sample; for a spectrogram the end of the window), so a moment at fraction f of the window is at
/// Left + f × (Right − Left). <see cref="Top"/> and <see cref="Bottom"/> enclose every panel. Computed by the same
/// layout code that draws the plot, so that a playhead or a click on the image can be mapped to time exactly.
/// </summary>
public readonly record struct PlotDataArea(int ImageWidth, int ImageHeight, double Left, double Right, double Top, double Bottom)
{
    public double LeftFraction => Left / ImageWidth;

    public double RightFraction => Right / ImageWidth;

    public double TopFraction => Top / ImageHeight;

    public double BottomFraction => Bottom / ImageHeight;

    /// <summary>The pixel x of a moment given as a fraction of the time axis (0 = start, 1 = end).</summary>
    public double XAt(double fraction) => Left + fraction * (Right - Left);
}
