namespace QuakeDetective.Core.Campaigns;

/// <summary>
/// What the database knows that decides whether settings are valid for one campaign: the other campaigns' names,
/// the sampling rates of its subjects (band-pass below Nyquist, playable speed-up) and the votes and gold labels
/// each stored answer already has (a choice with votes cannot be removed).
/// </summary>
/// <param name="OtherCampaignNames">Names of every other campaign.</param>
/// <param name="SubjectSampleRates">Distinct sampling rates (Hz) of the campaign's subjects; empty for a new campaign.</param>
/// <param name="VotesPerAnswer">Stored votes per answer in this campaign (every vote, counted or not).</param>
/// <param name="GoldPerLabel">Gold labels per label in this campaign.</param>
public sealed record CampaignValidationContext(
    IReadOnlyCollection<string> OtherCampaignNames,
    IReadOnlyCollection<double> SubjectSampleRates,
    IReadOnlyDictionary<string, int> VotesPerAnswer,
    IReadOnlyDictionary<string, int> GoldPerLabel)
{
    /// <summary>A campaign with no other campaigns, no subjects and no votes.</summary>
    public static CampaignValidationContext Empty { get; } = new([], [], new Dictionary<string, int>(), new Dictionary<string, int>());
}
