namespace QuakeDetective.Learning.Features;

/// <summary>A subject whose stored window features are wanted.</summary>
public readonly record struct SubjectWaveform(long SubjectId, string WaveformPath);
