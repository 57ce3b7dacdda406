namespace QuakeDetective.Core.Domain;

public enum CampaignStatus
{
    Active = 0,
    Paused = 1,
    Finished = 2,
}
