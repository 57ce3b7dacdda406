using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Tests.Queue;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Tests.Volunteering;

public sealed class ContributionsServiceTests
{
    [Fact]
    public async Task Get_RetiredSubjects_AgreementFromStoredConsensusElseMajorityOfVotes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var campaign = await QueueTestData.CampaignAsync(database, 4, maxVotes: 3);
        var ids = campaign.Subjects.Select(s => s.Id).ToArray();
        var me = await QueueTestData.VolunteerAsync(database);
        var others = new[] { await QueueTestData.VolunteerAsync(database), await QueueTestData.VolunteerAsync(database) };
        var service = database.Get<ClassificationService>();

        async Task VoteAsync(long volunteer, long subject, string answer) =>
            Assert.Equal(SubmitOutcome.Created, (await service.SubmitAsync(new ClassificationRequest(volunteer, subject, answer, Guid.NewGuid().ToString("N")), CancellationToken.None)).Outcome);

        // Subject 0: I say Tremor, both others Noise; retired at three votes, no consensus row: majority Noise.
        await VoteAsync(me, ids[0], DefaultAnswers.Tremor);
        await VoteAsync(others[0], ids[0], DefaultAnswers.Noise);
        await VoteAsync(others[1], ids[0], DefaultAnswers.Noise);

        // Subject 1: all Earthquake; a stored consensus row says Earthquake.
        foreach (var v in new[] { me, others[0], others[1] })
        {
            await VoteAsync(v, ids[1], DefaultAnswers.Earthquake);
        }

        // Subject 2: only my vote, still active. Subject 3: gold Noise, I said Noise.
        await VoteAsync(me, ids[2], DefaultAnswers.Noise);
        await QueueTestData.GoldAsync(database, ids[3], DefaultAnswers.Noise);
        await VoteAsync(me, ids[3], DefaultAnswers.Noise);

        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            // Retirement itself is the consensus engineer's; here both subjects simply are retired.
            await db.Subjects.Where(s => s.Id == ids[0] || s.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubjectStatus.Retired));
            if (!await db.ConsensusResults.AnyAsync(r => r.SubjectId == ids[1] && r.Method == "majority"))
            {
                db.ConsensusResults.Add(new ConsensusResult { SubjectId = ids[1], Method = "majority", Label = DefaultAnswers.Earthquake, Agreement = 1, Confidence = 1, VoteCount = 3 });
                await db.SaveChangesAsync();
            }

            await db.ConsensusResults.Where(r => r.SubjectId == ids[0]).ExecuteDeleteAsync();
        }

        var stats = await database.Get<ContributionsService>().GetAsync(me, CancellationToken.None);

        Assert.Equal(4, stats.Total);
        Assert.Equal(2, stats.WithConsensus);
        Assert.Equal(1, stats.AgreedWithConsensus);
        Assert.Equal((1, 1), (stats.GoldAnswered, stats.GoldAgreed));
        Assert.Equal(4, stats.Today);
        Assert.Equal(1, stats.CurrentStreakDays);
        Assert.True(await database.Get<ContributionsService>().HasContributedAsync(me, CancellationToken.None));
        Assert.False(await database.Get<ContributionsService>().HasContributedAsync(await QueueTestData.VolunteerAsync(database), CancellationToken.None));
    }

    [Fact]
    public async Task GoldFeedback_GoldSubject_ExplainsTheExpertLabel()
    {
        await using var database = await TestDatabase.CreateAsync();
        var campaign = await QueueTestData.CampaignAsync(database, 2);
        await QueueTestData.GoldAsync(database, campaign.Subjects[0].Id, DefaultAnswers.Tremor, "Slow swell in bursts.");
        var lookup = database.Get<GoldFeedbackLookup>();

        var feedback = await lookup.FindAsync(campaign.Subjects[0].Id, DefaultAnswers.Noise, CancellationToken.None);

        Assert.Equal(new GoldFeedback(campaign.Subjects[0].Id, DefaultAnswers.Tremor, "Slow swell in bursts.", DefaultAnswers.Noise), feedback);
        Assert.False(feedback!.Agreed);
        Assert.Null(await lookup.FindAsync(campaign.Subjects[1].Id, DefaultAnswers.Noise, CancellationToken.None));
    }

    [Fact]
    public async Task Examples_CampaignWithoutGold_BorrowsFromACampaignWithGold()
    {
        await using var database = await TestDatabase.CreateAsync();
        var taught = await QueueTestData.CampaignAsync(database, 6);
        var bare = await QueueTestData.CampaignAsync(database, 2);
        var ids = taught.Subjects.Select(s => s.Id).ToArray();
        await QueueTestData.GoldAsync(database, ids[4], DefaultAnswers.Noise, "hiss");
        await QueueTestData.GoldAsync(database, ids[1], DefaultAnswers.Earthquake, "crack");
        await QueueTestData.GoldAsync(database, ids[2], DefaultAnswers.Earthquake, "boom");
        var library = database.Get<ExampleLibrary>();

        var own = await library.GetAsync(taught.Id, CancellationToken.None);
        var borrowed = await library.GetAsync(bare.Id, CancellationToken.None);

        Assert.False(own.Borrowed);
        Assert.Equal([(DefaultAnswers.Earthquake, ids[1]), (DefaultAnswers.Noise, ids[4])], own.Examples.Select(e => (e.Label, e.Subject.SubjectId)));
        Assert.Equal("crack", own.Examples[0].Explanation);
        Assert.Equal(2000, own.Examples[0].Subject.DurationSeconds);
        Assert.True(borrowed.Borrowed);
        Assert.Equal(taught.Id, borrowed.CampaignId);
    }
}
