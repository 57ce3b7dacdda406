namespace QuakeDetective.Web.Components.Shared;

/// <summary>
/// Where the data (the time axis from the window's start to its end) lies in a plot image, as fractions of the image's
/// width and height, so that the playhead can be drawn over any displayed size of the image.
/// </summary>
public readonly record struct PlotDataArea(double Left, double Right, double Top, double Bottom)
{
    /// <summary>A rough guess used only if measuring the renderer's layout failed.</summary>
    public static PlotDataArea Fallback { get; } = new(0.07, 0.985, 0.09, 0.86);

    /// <summary>Fractions rounded to 5 decimals (a tenth of a pixel at 3000 px) for the page's JSON.</summary>
    public double[] ToArray() => [Math.Round(Left, 5), Math.Round(Right, 5), Math.Round(Top, 5), Math.Round(Bottom, 5)];
}
