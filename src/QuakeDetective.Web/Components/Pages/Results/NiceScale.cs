namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>Axis ticks people read easily: 0 to a round maximum in steps of 1, 2 or 5 times a power of ten.</summary>
public static class NiceScale
{
    /// <summary>Tick values from 0 up to at least <paramref name="max"/>, about <paramref name="targetTicks"/> of them.</summary>
    public static IReadOnlyList<double> Ticks(double max, int targetTicks = 5)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return [0, 1];
        }

        var rough = max / Math.Max(1, targetTicks);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (rough / magnitude) switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 5 => 5,
            _ => 10,
        } * magnitude;
        var ticks = new List<double>();
        for (var value = 0.0; ; value += step)
        {
            ticks.Add(Math.Round(value, 10));
            if (value >= max - (step * 1e-9))
            {
                break;
            }
        }

        return ticks;
    }
}
