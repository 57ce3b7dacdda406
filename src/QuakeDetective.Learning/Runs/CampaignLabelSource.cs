namespace QuakeDetective.Learning.Runs;

/// <summary>How one campaign's labels were gathered: the consensus method used, and how many labels were taken or left out.</summary>
public sealed record CampaignLabelSource(
    int CampaignId,
    string CampaignName,
    string Method,
    bool MajorityFromVotes,
    int Gold,
    int Consensus,
    int BelowThreshold,
    int UnknownLabel);
