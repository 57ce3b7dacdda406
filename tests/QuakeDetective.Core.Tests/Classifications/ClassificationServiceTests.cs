using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Tests.Classifications;

public sealed class ClassificationServiceTests
{
    private static async Task<(long SubjectId, long VolunteerA, long VolunteerB)> SeedAsync(TestDatabase database, int maxVotes = 10)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var campaign = new Campaign { Name = "test " + Guid.NewGuid().ToString("N"), Retirement = new RetirementSettings { MaxVotes = maxVotes } };
        var subject = new Subject { Station = "XX.STA.00", Channels = "BHZ", WaveformPath = "x.mseed", ImportKey = "k" };
        campaign.Subjects.Add(subject);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        var volunteers = database.Get<VolunteerService>();
        var a = await volunteers.ResolveAsync(null, Guid.NewGuid(), CancellationToken.None);
        var b = await volunteers.ResolveAsync(null, Guid.NewGuid(), CancellationToken.None);
        return (subject.Id, a, b);
    }

    [Fact]
    public async Task Submit_ConcurrentRetriesOfOneKey_StoreOneVote()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (subjectId, volunteer, _) = await SeedAsync(database);
        var service = database.Get<ClassificationService>();
        var request = new ClassificationRequest(volunteer, subjectId, DefaultAnswers.Noise, "same-key");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => service.SubmitAsync(request, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == SubmitOutcome.Created);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { SubmitOutcome.Created, SubmitOutcome.Replayed }));
        Assert.Single(results.Select(r => r.ClassificationId).Distinct());
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.Classifications.CountAsync());
        Assert.Equal(1, await db.Subjects.Where(s => s.Id == subjectId).Select(s => s.VoteCount).SingleAsync());
    }

    [Fact]
    public async Task Submit_ReachingMaxVotes_RetiresSubject()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (subjectId, a, b) = await SeedAsync(database, maxVotes: 2);
        var service = database.Get<ClassificationService>();

        var first = await service.SubmitAsync(new ClassificationRequest(a, subjectId, DefaultAnswers.Tremor, "1"), CancellationToken.None);
        var second = await service.SubmitAsync(new ClassificationRequest(b, subjectId, DefaultAnswers.Noise, "2"), CancellationToken.None);

        Assert.False(first.Retired);
        Assert.True(second.Retired);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var subject = await db.Subjects.SingleAsync(s => s.Id == subjectId);
        Assert.Equal(SubjectStatus.Retired, subject.Status);
        Assert.Equal(RetirementReason.VoteLimit, subject.RetirementReason);
        Assert.NotNull(subject.RetiredAt);
    }

    [Fact]
    public async Task Submit_TimeTaken_IsStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (subjectId, a, _) = await SeedAsync(database);
        var shown = DateTime.UtcNow.AddSeconds(-12);

        await database.Get<ClassificationService>().SubmitAsync(new ClassificationRequest(a, subjectId, DefaultAnswers.Earthquake, "t", shown), CancellationToken.None);

        await using var db = await database.DbFactory.CreateDbContextAsync();
        var vote = await db.Classifications.SingleAsync();
        Assert.InRange(vote.DurationMs!.Value, 11_000, 60_000);
        Assert.Equal(DateTimeKind.Utc, vote.FinishedAt.Kind);
    }
}
