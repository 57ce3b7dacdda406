using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;

namespace QuakeDetective.Core.Tests.Queue;

/// <summary>The queue against a real SQLite database: the rules hold for the queries, not just for the policy.</summary>
public sealed class SubjectQueueTests
{
    private static readonly Dictionary<string, string?> Seeded = new() { ["Queue:RandomSeed"] = "12345" };

    private static Task<SubmitResult> AnswerAsync(TestDatabase database, long volunteerId, long subjectId, string answer = DefaultAnswers.Noise) =>
        database.Get<ClassificationService>().SubmitAsync(new ClassificationRequest(volunteerId, subjectId, answer, Guid.NewGuid().ToString("N")), CancellationToken.None);

    [Fact]
    public async Task Next_AnsweringEverything_NeverRepeatsThenReturnsNull()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 12, new QueueSettings { RandomShare = 0.5, GoldRateNewcomer = 0, GoldRateExperienced = 0 });
        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();
        var seen = new List<long>();

        while (await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None) is { } next)
        {
            Assert.DoesNotContain(next.SubjectId, seen);
            seen.Add(next.SubjectId);
            Assert.Equal(SubmitOutcome.Created, (await AnswerAsync(database, volunteer, next.SubjectId)).Outcome);
            Assert.True(seen.Count <= 12, "the queue handed out more subjects than exist");
        }

        Assert.Equal(campaign.Subjects.Select(s => s.Id).Order(), seen.Order());
    }

    [Fact]
    public async Task Next_RetiredSubjects_AreNeverShown()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 6, new QueueSettings { RandomShare = 1, GoldRateNewcomer = 0, GoldRateExperienced = 0 });
        var active = campaign.Subjects[4].Id;
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            await db.Subjects.Where(s => s.CampaignId == campaign.Id && s.Id != active)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubjectStatus.Retired).SetProperty(s => s.VoteCount, 10));
        }

        var queue = database.Get<SubjectQueue>();
        for (var i = 0; i < 10; i++)
        {
            var volunteer = await QueueTestData.VolunteerAsync(database);
            Assert.Equal(active, (await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None))!.SubjectId);
        }
    }

    [Fact]
    public async Task Next_NoRandomShare_PrefersTheSubjectNearestRetirement()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 5);
        var ids = campaign.Subjects.Select(s => s.Id).ToArray();
        var others = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            others.Add(await QueueTestData.VolunteerAsync(database));
        }

        // Subject 3 has three votes, subject 1 one: 3 is nearest retirement.
        foreach (var other in others)
        {
            await AnswerAsync(database, other, ids[3]);
        }

        await AnswerAsync(database, others[0], ids[1]);
        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();

        var first = await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None);
        Assert.Equal(ids[3], first!.SubjectId);
        Assert.Equal(QueuePickReason.NearestRetirement, first.Reason);
        await AnswerAsync(database, volunteer, ids[3]);
        Assert.Equal(ids[1], (await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None))!.SubjectId);
    }

    [Fact]
    public async Task Next_FreshSubjectsWithPriority_HighestPriorityFirst()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 30);
        var target = campaign.Subjects[17].Id;
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            await db.Subjects.Where(s => s.CampaignId == campaign.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Priority, s => s.Id % 5 * 0.1));
            await db.Subjects.Where(s => s.Id == target).ExecuteUpdateAsync(u => u.SetProperty(s => s.Priority, 2.0));
        }

        var next = await database.Get<SubjectQueue>().NextAsync(await QueueTestData.VolunteerAsync(database), campaign.Id, CancellationToken.None);

        Assert.Equal(target, next!.SubjectId);
        Assert.Equal(QueuePickReason.Priority, next.Reason);
    }

    [Fact]
    public async Task Next_SubjectOthersHoldToRetirement_SendsTheNextVolunteerElsewhere()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 3, maxVotes: 3);
        var ids = campaign.Subjects.Select(s => s.Id).ToArray();
        await AnswerAsync(database, await QueueTestData.VolunteerAsync(database), ids[0]);
        var queue = database.Get<SubjectQueue>();

        // Two volunteers arrive together: the first two get the subject that needs two more votes ...
        var a = await queue.NextAsync(await QueueTestData.VolunteerAsync(database), campaign.Id, CancellationToken.None);
        var b = await queue.NextAsync(await QueueTestData.VolunteerAsync(database), campaign.Id, CancellationToken.None);
        var c = await queue.NextAsync(await QueueTestData.VolunteerAsync(database), campaign.Id, CancellationToken.None);

        Assert.Equal(ids[0], a!.SubjectId);
        Assert.Equal(ids[0], b!.SubjectId);

        // ... and the third is not sent to a subject that two people are already finishing.
        Assert.NotEqual(ids[0], c!.SubjectId);
    }

    [Fact]
    public async Task Next_NewcomerWithGoldRateOne_GetsTestGoldButNeverATeachingExample()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 8, new QueueSettings { RandomShare = 0, GoldRateNewcomer = 1, NewcomerClassifications = 20, GoldRateExperienced = 0 });
        var ids = campaign.Subjects.Select(s => s.Id).ToArray();

        // Two tremor gold subjects: the older one teaches (tutorial, field guide), the newer one tests.
        await QueueTestData.GoldAsync(database, ids[2], DefaultAnswers.Tremor);
        await QueueTestData.GoldAsync(database, ids[5], DefaultAnswers.Tremor);
        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();

        var first = await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None);
        Assert.Equal(new { Id = ids[5], Reason = QueuePickReason.Gold }, new { Id = first!.SubjectId, first.Reason });
        await AnswerAsync(database, volunteer, ids[5]);

        var seen = new List<long>();
        while (seen.Count < 20 && await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None) is { } next)
        {
            seen.Add(next.SubjectId);
            await AnswerAsync(database, volunteer, next.SubjectId);
        }

        Assert.Equal(6, seen.Count);
        Assert.DoesNotContain(ids[2], seen);
    }

    [Fact]
    public async Task Next_ExperiencedVolunteer_GetsTheExperiencedRate()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 10, new QueueSettings { RandomShare = 0, GoldRateNewcomer = 1, NewcomerClassifications = 2, GoldRateExperienced = 0 });
        var ids = campaign.Subjects.Select(s => s.Id).ToArray();
        foreach (var id in ids[6..])
        {
            await QueueTestData.GoldAsync(database, id, DefaultAnswers.Noise);
        }

        var volunteer = await QueueTestData.VolunteerAsync(database);
        var queue = database.Get<SubjectQueue>();
        var reasons = new List<QueuePickReason>();
        for (var i = 0; i < 4; i++)
        {
            var next = await queue.NextAsync(volunteer, campaign.Id, CancellationToken.None);
            reasons.Add(next!.Reason);
            await AnswerAsync(database, volunteer, next.SubjectId);
        }

        Assert.Equal([QueuePickReason.Gold, QueuePickReason.Gold, QueuePickReason.NearestRetirement, QueuePickReason.NearestRetirement], reasons);
    }

    [Fact]
    public async Task Next_WithoutCampaign_SkipsPausedAndFinishedCampaigns()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        await QueueTestData.CampaignAsync(database, 3, status: CampaignStatus.Paused);
        await QueueTestData.CampaignAsync(database, 3, status: CampaignStatus.Finished);
        var active = await QueueTestData.CampaignAsync(database, 3);
        var volunteer = await QueueTestData.VolunteerAsync(database);

        var next = await database.Get<SubjectQueue>().NextAsync(volunteer, null, CancellationToken.None);

        Assert.Equal(active.Id, next!.CampaignId);
        Assert.Null(await database.Get<SubjectQueue>().NextAsync(volunteer, active.Id + 100, CancellationToken.None));
    }

    [Fact]
    public async Task SuggestOtherCampaign_AllDoneHere_PointsToACampaignWithWorkLeft()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var done = await QueueTestData.CampaignAsync(database, 1);
        var alsoDone = await QueueTestData.CampaignAsync(database, 1);
        var open = await QueueTestData.CampaignAsync(database, 2);
        var volunteer = await QueueTestData.VolunteerAsync(database);
        await AnswerAsync(database, volunteer, done.Subjects[0].Id);
        await AnswerAsync(database, volunteer, alsoDone.Subjects[0].Id);
        var queue = database.Get<SubjectQueue>();

        var suggestion = await queue.SuggestOtherCampaignAsync(volunteer, done.Id, CancellationToken.None);

        Assert.Null(await queue.NextAsync(volunteer, done.Id, CancellationToken.None));
        Assert.Equal(open.Id, suggestion!.CampaignId);
        Assert.Equal(open.Name, suggestion.Name);
    }

    [Fact]
    public async Task Resume_SubjectStillOpen_ComesBack_AnsweredOrRetired_DoesNot()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 3);
        var ids = campaign.Subjects.Select(s => s.Id).ToArray();
        var volunteer = await QueueTestData.VolunteerAsync(database);
        await AnswerAsync(database, volunteer, ids[0]);
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            await db.Subjects.Where(s => s.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubjectStatus.Retired));
        }

        var queue = database.Get<SubjectQueue>();

        Assert.Null(await queue.ResumeAsync(volunteer, ids[0], CancellationToken.None));
        Assert.Null(await queue.ResumeAsync(volunteer, ids[1], CancellationToken.None));
        Assert.Equal(ids[2], (await queue.ResumeAsync(volunteer, ids[2], CancellationToken.None))!.SubjectId);
    }

    [Fact]
    public async Task Next_RandomShareOne_SpreadsVolunteersOverTheCampaign()
    {
        await using var database = await TestDatabase.CreateAsync(Seeded);
        var campaign = await QueueTestData.CampaignAsync(database, 40, new QueueSettings { RandomShare = 1, GoldRateNewcomer = 0, GoldRateExperienced = 0 });
        var queue = database.Get<SubjectQueue>();
        var picks = new List<QueuedSubject>();
        for (var i = 0; i < 20; i++)
        {
            picks.Add((await queue.NextAsync(await QueueTestData.VolunteerAsync(database), campaign.Id, CancellationToken.None))!);
        }

        Assert.All(picks, p => Assert.Equal(QueuePickReason.Random, p.Reason));
        Assert.True(picks.Select(p => p.SubjectId).Distinct().Count() >= 8, "random picks should spread over the campaign");
    }
}
