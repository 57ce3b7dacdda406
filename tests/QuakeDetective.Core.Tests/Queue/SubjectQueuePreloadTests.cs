using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;

namespace QuakeDetective.Core.Tests.Queue;

/// <summary>
/// The classify page preloads the subject after the one on screen: the queue must give another subject than the one on
/// screen, and walking the campaign one preloaded subject ahead must show every subject exactly once.
/// </summary>
public sealed class SubjectQueuePreloadTests
{
    private static readonly Dictionary<string, string?> Seeded = new() { ["Queue:RandomSeed"] = "12345" };

    [Fact]
    public async Task Next_ExceptTheSubjectOnScreen_GivesAnotherUntilItIsTheLastOne()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 2, new QueueSettings { RandomShare = 0, GoldRateNewcomer = 0, GoldRateExperienced = 0 });
        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();

        var onScreen = (await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None))!;
        var again = (await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None))!;
        var upcoming = (await queue.NextAsync(volunteer, campaign.Id, onScreen.SubjectId, CancellationToken.None))!;
        var afterThat = await queue.NextAsync(volunteer, campaign.Id, upcoming.SubjectId, CancellationToken.None);

        // Without the exception the queue (rightly) offers the unanswered subject on screen again.
        Assert.Equal(onScreen.SubjectId, again.SubjectId);
        Assert.NotEqual(onScreen.SubjectId, upcoming.SubjectId);
        Assert.Equal(onScreen.SubjectId, afterThat?.SubjectId);
    }

    [Fact]
    public async Task Next_Preloading_CountsTheSubjectOnScreenForTheNewcomerGoldRate()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 12, new QueueSettings { RandomShare = 0, GoldRateNewcomer = 1, NewcomerClassifications = 1, GoldRateExperienced = 0 });

        // Two expert labels per class: one becomes the tutorial's teaching example, the other a test subject.
        for (var i = 0; i < 8; i++)
        {
            await QueueTestData.GoldAsync(database, campaign.Subjects[i].Id, DefaultAnswers.All[i % 4]);
        }

        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();

        var first = (await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None))!;
        var upcoming = (await queue.NextAsync(volunteer, campaign.Id, first.SubjectId, CancellationToken.None))!;

        // The first subject of a newcomer is a test (rate 1 for one answer); the one after it is not.
        Assert.Equal(QueuePickReason.Gold, first.Reason);
        Assert.NotEqual(QueuePickReason.Gold, upcoming.Reason);
    }

    [Fact]
    public async Task Preloading_OneAhead_ShowsEverySubjectOnceAndNeverSkipsOne()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 10, new QueueSettings { RandomShare = 0.5, GoldRateNewcomer = 0, GoldRateExperienced = 0 });
        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();
        var shown = new List<long>();

        var current = await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None);
        while (current is not null)
        {
            shown.Add(current.SubjectId);
            Assert.True(shown.Count <= 10, "more subjects shown than exist");
            var upcoming = await queue.NextAsync(volunteer, campaign.Id, current.SubjectId, CancellationToken.None);
            await database.Get<ClassificationService>().SubmitAsync(
                new ClassificationRequest(volunteer, current.SubjectId, DefaultAnswers.Noise, Guid.NewGuid().ToString("N")), CancellationToken.None);

            // The page checks that the preloaded subject is still open for the volunteer before showing it.
            current = upcoming is null ? null : await queue.ResumeAsync(volunteer, upcoming.SubjectId, CancellationToken.None);
        }

        Assert.Equal(campaign.Subjects.Select(s => s.Id).Order(), shown.Order());
    }
}
