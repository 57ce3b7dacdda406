namespace QuakeDetective.Core.Domain;

/// <summary>How a campaign's subjects are drawn.</summary>
public class PlotSettingsRecord
{
    /// <summary>Symmetric amplitude limit in counts, so amplitudes compare between subjects; null scales each subject.</summary>
    public double? FixedAmplitudeLimit { get; set; }

    public bool ShowHorizontalsByDefault { get; set; }

    /// <summary>Band-pass the plotted trace with the audio band (the original project showed filtered data).</summary>
    public bool FilterPlot { get; set; } = true;
}
