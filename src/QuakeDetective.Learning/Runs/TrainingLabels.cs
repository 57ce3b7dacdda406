namespace QuakeDetective.Learning.Runs;

/// <summary>The labelled subjects of one or more campaigns, the class list (answer choices) and where the labels came from.</summary>
public sealed record TrainingLabels(IReadOnlyList<string> Classes, IReadOnlyList<LabelledSubject> Subjects, IReadOnlyList<CampaignLabelSource> Campaigns);
