namespace QuakeDetective.Core.Volunteering;

/// <summary>The teaching examples of a campaign, per answer, for the tutorial and the field guide.</summary>
/// <param name="CampaignId">The campaign the examples come from (null when there are none anywhere).</param>
/// <param name="CampaignName">Its name.</param>
/// <param name="Borrowed">The requested campaign had no expert labels, so the examples come from another (e.g. the demo).</param>
/// <param name="Choices">The answers in button order.</param>
/// <param name="Examples">Up to <see cref="TeachingExamples.MaxPerClass"/> examples per answer, in answer order.</param>
public sealed record ExampleSet(int? CampaignId, string CampaignName, bool Borrowed, IReadOnlyList<string> Choices, IReadOnlyList<ClassExample> Examples)
{
    public static ExampleSet Empty(IReadOnlyList<string> choices) => new(null, string.Empty, false, choices, []);

    /// <summary>The examples of one answer.</summary>
    public IReadOnlyList<ClassExample> For(string label) =>
        Examples.Where(e => string.Equals(e.Label, label, StringComparison.Ordinal)).ToList();
}
