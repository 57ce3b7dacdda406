using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Queue;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Web.Components.Pages.Classify;

/// <summary>The real <see cref="IClassifyBackend"/>: the queue, the exactly-once vote store and the volunteering lookups.</summary>
public sealed class ClassifyBackend(
    SubjectQueue queue,
    ClassificationService classifications,
    SubjectDetailsLookup details,
    GoldFeedbackLookup feedback,
    ExampleLibrary examples) : IClassifyBackend
{
    public Task<QueuedSubject?> NextAsync(long volunteerId, int? campaignId, CancellationToken cancellationToken) =>
        queue.NextAsync(volunteerId, campaignId, cancellationToken);

    public Task<QueuedSubject?> NextAfterAsync(long volunteerId, int? campaignId, long onScreenSubjectId, CancellationToken cancellationToken) =>
        queue.NextAsync(volunteerId, campaignId, onScreenSubjectId, cancellationToken);

    public Task<QueuedSubject?> ResumeAsync(long volunteerId, long subjectId, CancellationToken cancellationToken) =>
        queue.ResumeAsync(volunteerId, subjectId, cancellationToken);

    public Task<SubjectDetails?> DetailsAsync(long subjectId, CancellationToken cancellationToken) =>
        details.GetAsync(subjectId, cancellationToken);

    public Task<SubmitResult> SubmitAsync(ClassificationRequest request, CancellationToken cancellationToken) =>
        classifications.SubmitAsync(request, cancellationToken);

    public Task<GoldFeedback?> FeedbackAsync(long subjectId, string answer, CancellationToken cancellationToken) =>
        feedback.FindAsync(subjectId, answer, cancellationToken);

    public Task<CampaignSuggestion?> SuggestOtherCampaignAsync(long volunteerId, int? exceptCampaignId, CancellationToken cancellationToken) =>
        queue.SuggestOtherCampaignAsync(volunteerId, exceptCampaignId, cancellationToken);

    public Task<ExampleSet> ExamplesAsync(int? campaignId, CancellationToken cancellationToken) =>
        examples.GetAsync(campaignId, cancellationToken);

    public void Release(long subjectId, long volunteerId) => queue.Release(subjectId, volunteerId);
}
