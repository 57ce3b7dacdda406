namespace QuakeDetective.Core.Campaigns;

/// <summary>The outcome of saving campaign settings: stored (with the campaign's id), or every problem and nothing stored.</summary>
public sealed record CampaignSaveResult(bool Saved, int? CampaignId, IReadOnlyList<CampaignFieldError> Errors)
{
    public static CampaignSaveResult Ok(int campaignId) => new(true, campaignId, []);

    public static CampaignSaveResult Invalid(IReadOnlyList<CampaignFieldError> errors) => new(false, null, errors);
}
