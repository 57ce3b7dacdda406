using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Queue;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Web.Components.Pages.Classify;

/// <summary>Everything the classify page asks of the server, behind one seam so that component tests can fake it.</summary>
public interface IClassifyBackend
{
    Task<QueuedSubject?> NextAsync(long volunteerId, int? campaignId, CancellationToken cancellationToken);

    /// <summary>The subject to preload while <paramref name="onScreenSubjectId"/> (not answered yet) is on screen: never that one.</summary>
    Task<QueuedSubject?> NextAfterAsync(long volunteerId, int? campaignId, long onScreenSubjectId, CancellationToken cancellationToken);

    /// <summary>The subject again if the volunteer may still answer it (after a reload or a lost connection).</summary>
    Task<QueuedSubject?> ResumeAsync(long volunteerId, long subjectId, CancellationToken cancellationToken);

    Task<SubjectDetails?> DetailsAsync(long subjectId, CancellationToken cancellationToken);

    Task<SubmitResult> SubmitAsync(ClassificationRequest request, CancellationToken cancellationToken);

    /// <summary>Expert feedback when the subject is gold, else null.</summary>
    Task<GoldFeedback?> FeedbackAsync(long subjectId, string answer, CancellationToken cancellationToken);

    Task<CampaignSuggestion?> SuggestOtherCampaignAsync(long volunteerId, int? exceptCampaignId, CancellationToken cancellationToken);

    Task<ExampleSet> ExamplesAsync(int? campaignId, CancellationToken cancellationToken);

    /// <summary>The volunteer is done with a subject: other volunteers may get it again.</summary>
    void Release(long subjectId, long volunteerId);
}
