using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Background;

/// <summary>A live update of an import job for the admin pages.</summary>
public sealed record ImportJobUpdate(
    long JobId,
    int? CampaignId,
    BackgroundJobStatus Status,
    string Stage,
    double Percent,
    int FilesDone,
    int FilesTotal,
    int SubjectsCreated,
    string? CurrentFile,
    string? Message)
{
    public bool IsFinished => Status is not (BackgroundJobStatus.Queued or BackgroundJobStatus.Running);
}
