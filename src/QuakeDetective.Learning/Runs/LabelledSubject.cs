namespace QuakeDetective.Learning.Runs;

/// <summary>A subject with the label it is trained on and where that label came from (gold, or a consensus method).</summary>
public sealed record LabelledSubject(long SubjectId, int CampaignId, string WaveformPath, string Label, string Source, double Confidence);
