namespace QuakeDetective.Core.Domain;

/// <summary>How waveform files are cut into subjects for a campaign.</summary>
public class ImportSettings
{
    /// <summary>Window length; the original project used 2000 s from the surface-wave arrival.</summary>
    public double WindowSeconds { get; set; } = 2000;

    /// <summary>Step between fixed windows; null means back to back (step = window).</summary>
    public double? StepSeconds { get; set; }

    /// <summary>Surface-wave group velocity for event windows (origin + distance / velocity).</summary>
    public double SurfaceWaveVelocityKmPerS { get; set; } = 4.5;

    /// <summary>Preprocessing applied before a window is stored, as JSON of the Seismic PreprocessingOptions; "{}" = defaults.</summary>
    public string PreprocessingJson { get; set; } = "{}";
}
