namespace QuakeDetective.Core.Campaigns;

/// <summary>One problem with campaign settings: the field it belongs to (a <see cref="CampaignSettingsInput"/> property name) and what to do.</summary>
public sealed record CampaignFieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
