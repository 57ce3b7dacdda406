using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;
using QuakeDetective.Core.Volunteering;
using QuakeDetective.Web.Components.Pages.Classify;

namespace QuakeDetective.Web.Tests.Components;

/// <summary>An in-memory classify backend: a list of subjects handed out in order, votes kept by key like the real store.</summary>
internal sealed class FakeClassifyBackend : IClassifyBackend
{
    private readonly Queue<long> _queue;

    public FakeClassifyBackend(params long[] subjects)
    {
        _queue = new Queue<long>(subjects);
    }

    public List<ClassificationRequest> Submitted { get; } = [];

    public Dictionary<long, GoldFeedback> Gold { get; } = [];

    public HashSet<long> Resumable { get; } = [];

    public List<long> Released { get; } = [];

    /// <summary>When set, submissions wait for it (to test what happens while a vote is being stored).</summary>
    public TaskCompletionSource? SubmitGate { get; set; }

    public Exception? SubmitFailure { get; set; }

    public CampaignSuggestion? Suggestion { get; set; }

    /// <summary>When set, reading the teaching examples throws it (a database hiccup).</summary>
    public Exception? ExamplesFailure { get; set; }

    public static SubjectDetails Details(long id) =>
        new(id, 1, "Test campaign", "XX.STA" + id + ".00", ["BHZ", "BHN", "BHE"], new DateTime(2020, 1, 2, 3, 4, 0, DateTimeKind.Utc), 2000, 400, 2, 8, true, false, null);

    public Task<QueuedSubject?> NextAsync(long volunteerId, int? campaignId, CancellationToken cancellationToken) =>
        Task.FromResult(_queue.TryDequeue(out var id) ? new QueuedSubject(id, 1, DefaultAnswers.All) : null);

    /// <summary>Subjects the page asked for to preload, with the subject on screen at the time.</summary>
    public List<(long OnScreen, long? Given)> Preloads { get; } = [];

    public Task<QueuedSubject?> NextAfterAsync(long volunteerId, int? campaignId, long onScreenSubjectId, CancellationToken cancellationToken)
    {
        var given = _queue.TryDequeue(out var id) ? id : (long?)null;
        Preloads.Add((onScreenSubjectId, given));
        if (given is { } handedOut)
        {
            Resumable.Add(handedOut);
        }

        return Task.FromResult(given is { } g ? new QueuedSubject(g, 1, DefaultAnswers.All) : null);
    }

    public Task<QueuedSubject?> ResumeAsync(long volunteerId, long subjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Resumable.Contains(subjectId) ? new QueuedSubject(subjectId, 1, DefaultAnswers.All) : null);

    public Task<SubjectDetails?> DetailsAsync(long subjectId, CancellationToken cancellationToken) => Task.FromResult<SubjectDetails?>(Details(subjectId));

    public async Task<SubmitResult> SubmitAsync(ClassificationRequest request, CancellationToken cancellationToken)
    {
        if (SubmitGate is not null)
        {
            await SubmitGate.Task;
        }

        if (SubmitFailure is not null)
        {
            throw SubmitFailure;
        }

        var same = Submitted.FirstOrDefault(s => s.IdempotencyKey == request.IdempotencyKey);
        if (same is not null)
        {
            return new SubmitResult(SubmitOutcome.Replayed, 1);
        }

        if (Submitted.Any(s => s.SubjectId == request.SubjectId))
        {
            return new SubmitResult(SubmitOutcome.AlreadyAnswered, 1, "already");
        }

        Submitted.Add(request);
        return new SubmitResult(SubmitOutcome.Created, Submitted.Count);
    }

    public Task<GoldFeedback?> FeedbackAsync(long subjectId, string answer, CancellationToken cancellationToken) =>
        Task.FromResult(Gold.TryGetValue(subjectId, out var gold) ? gold with { VolunteerAnswer = answer } : null);

    public Task<CampaignSuggestion?> SuggestOtherCampaignAsync(long volunteerId, int? exceptCampaignId, CancellationToken cancellationToken) =>
        Task.FromResult(Suggestion);

    public Task<ExampleSet> ExamplesAsync(int? campaignId, CancellationToken cancellationToken) =>
        ExamplesFailure is not null ? Task.FromException<ExampleSet>(ExamplesFailure) : Task.FromResult(new ExampleSet(1, "Test campaign", false, DefaultAnswers.All,
            DefaultAnswers.All.Select((label, i) => new ClassExample(label, "Why " + label, Details(900 + i))).ToList()));

    public void Release(long subjectId, long volunteerId) => Released.Add(subjectId);
}
