using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Background;

/// <summary>An import job as the admin pages show it.</summary>
public sealed record ImportJobView(
    long Id,
    int? CampaignId,
    string CampaignName,
    string Description,
    BackgroundJobStatus Status,
    string Stage,
    double Percent,
    string? Message,
    DateTime CreatedAt,
    DateTime? FinishedAt,
    string? ResultPath)
{
    public bool IsFinished => Status is not (BackgroundJobStatus.Queued or BackgroundJobStatus.Running);
}
