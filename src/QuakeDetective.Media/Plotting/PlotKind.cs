namespace QuakeDetective.Media.Plotting;

/// <summary>What a subject's picture shows.</summary>
public enum PlotKind
{
    /// <summary>Amplitude over time: the vertical component, optionally the horizontals below it.</summary>
    Waveform,

    /// <summary>Log power of the vertical component over time and frequency.</summary>
    Spectrogram,
}
