namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// One thing the generator put into a window, as ground truth for tests, field-guide captions and model diagnostics.
/// Kinds: earthquake "P", "S", "surface-waves"; tremor "tremor"; noise "microseism", "cultural", "machinery", "spike";
/// artefacts "step", "dropout", "glitch", "calibration-sine", "calibration-pulse".
/// </summary>
/// <param name="Kind">What it is (see above).</param>
/// <param name="StartSeconds">Start, seconds from the first sample.</param>
/// <param name="DurationSeconds">How long it lasts in the window (0 for an instant such as a spike or a step).</param>
/// <param name="Amplitude">Peak amplitude in counts (for "microseism": RMS; for "dropout": the level it jumps from).</param>
/// <param name="Components">Which components carry it, e.g. "ZNE" or "N".</param>
public sealed record SyntheticFeature(string Kind, double StartSeconds, double DurationSeconds, double Amplitude, string Components);
