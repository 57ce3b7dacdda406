namespace QuakeDetective.Learning.Training;

/// <summary>One training example: an id (subject id or file), its label and its feature vector.</summary>
/// <param name="Group">Examples of one group (e.g. windows cut from the same recording) stay on the same side of every split; null = its own group.</param>
public sealed record LabelledSample(string Id, string Label, float[] Features, string? Group = null);
