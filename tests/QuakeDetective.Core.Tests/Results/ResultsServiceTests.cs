using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Results;
using QuakeDetective.Core.Tests.Classifications;
using E = QuakeDetective.Core.Domain.DefaultAnswers;

namespace QuakeDetective.Core.Tests.Results;

public sealed class ResultsServiceTests
{
    /// <summary>Five subjects: s0 unanimous Earthquake (retires early), s1 split Noise/Tremor, s2 one Tremor vote, s3 gold Noise voted Earthquake, s4 untouched.</summary>
    private static async Task<ConsensusScenario> CampaignAsync(TestDatabase database)
    {
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 5);
        var v = await scenario.VolunteersAsync(4);
        var s = scenario.Subjects;
        foreach (var volunteer in v)
        {
            await scenario.VoteAsync(volunteer, s[0], E.Earthquake);
        }

        await scenario.VoteAsync(v[0], s[1], E.Noise);
        await scenario.VoteAsync(v[1], s[1], E.Noise);
        await scenario.VoteAsync(v[2], s[1], E.Tremor);
        await scenario.VoteAsync(v[0], s[2], E.Tremor);
        await scenario.GoldAsync(s[3], E.Noise);
        await scenario.VoteAsync(v[0], s[3], E.Earthquake);
        await scenario.VoteAsync(v[1], s[3], E.Noise);
        await scenario.VoteAsync(v[2], s[3], E.Earthquake);
        return scenario;
    }

    [Fact]
    public async Task Progress_CountsSubjectsByStateVotesAndDays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await CampaignAsync(database);
        var scientist = await scenario.AccountVolunteerAsync(Roles.Scientist);
        await scenario.VoteAsync(scientist, scenario.Subjects[4], E.Noise);

        var progress = (await database.Get<ResultsService>().ProgressAsync(scenario.CampaignId, CancellationToken.None))!;

        Assert.Equal(5, progress.Subjects);
        Assert.Equal(1, progress.Retired);
        Assert.Equal(1, progress.RetiredByReason[Domain.RetirementReason.EarlyConsensus]);
        Assert.Equal(4, progress.Active);
        Assert.Equal(11, progress.CountedVotes);
        Assert.Equal(1, progress.ExpertVotes);
        Assert.Equal(5, progress.Volunteers);
        Assert.Equal(1, progress.Gold);
        var day = Assert.Single(progress.VotesPerDay);
        Assert.Equal(12, day.Count);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), day.Day);
    }

    [Fact]
    public async Task Agreement_BinsSubjectsByShareOfVotesForTheLabel()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await CampaignAsync(database);

        var histogram = await database.Get<ResultsService>().AgreementAsync(scenario.CampaignId, AggregationMethods.Majority, CancellationToken.None);

        // s0 and s2: 100 % (last bin); s1 and s3: 2 of 3 = 67 % (bin 6).
        Assert.Equal(4, histogram.Subjects);
        Assert.Equal(2, histogram.Bins[9]);
        Assert.Equal(2, histogram.Bins[6]);
        Assert.Equal((1 + 1 + (2 / 3.0) + (2 / 3.0)) / 4, histogram.MeanAgreement!.Value, 9);
    }

    [Fact]
    public async Task ConsensusVersusGold_PutsTheGoldSubjectInItsCell()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await CampaignAsync(database);

        var confusion = await database.Get<ResultsService>().ConsensusVersusGoldAsync(scenario.CampaignId, AggregationMethods.Majority, CancellationToken.None);

        Assert.Equal(1, confusion.Matrix.Total);
        Assert.Equal(1, confusion.Matrix[E.Noise, E.Earthquake]);
        Assert.Equal(1.0, confusion.RowShare(2, 0));
    }

    [Fact]
    public async Task Subjects_FilterSortAndPage()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await CampaignAsync(database);
        var results = database.Get<ResultsService>();
        var s = scenario.Subjects;

        var earthquakes = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, Label = E.Earthquake }, CancellationToken.None);
        var none = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, Label = "none" }, CancellationToken.None);
        var confident = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, MinConfidence = 0.9, Sort = SubjectSort.Id, Descending = true }, CancellationToken.None);
        var disagree = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, DisagreesWithGold = true }, CancellationToken.None);
        var station = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, Station = "s01" }, CancellationToken.None);
        var retired = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, Status = "retired" }, CancellationToken.None);
        var byVotes = await results.SubjectsAsync(new SubjectFilter { CampaignId = scenario.CampaignId, Sort = SubjectSort.Votes, Descending = true, PageSize = 2, Page = 2 }, CancellationToken.None);
        var window = await results.SubjectsAsync(new SubjectFilter
        {
            CampaignId = scenario.CampaignId,
            From = new DateTime(2010, 2, 27, 7, 5, 0, DateTimeKind.Utc),
            To = new DateTime(2010, 2, 27, 7, 25, 0, DateTimeKind.Utc),
        }, CancellationToken.None);

        Assert.Equal([s[0], s[3]], earthquakes.Items.Select(i => i.Id));
        Assert.Equal([s[4]], none.Items.Select(i => i.Id));
        Assert.Equal([s[2], s[0]], confident.Items.Select(i => i.Id));
        Assert.Equal([s[3]], disagree.Items.Select(i => i.Id));
        Assert.Equal(E.Noise, disagree.Items[0].GoldLabel);
        Assert.Equal([s[1]], station.Items.Select(i => i.Id));
        Assert.Equal([s[0]], retired.Items.Select(i => i.Id));
        Assert.Equal((5, 3), (byVotes.Total, byVotes.Pages));
        Assert.Equal([s[1], s[2]], byVotes.Items.Select(i => i.Id)); // 4, 3, 3, 1, 0 votes; equal counts by id, descending too
        Assert.Equal([s[1], s[2]], window.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task VolunteerSkill_GoldAccuracyByPseudonymAndDawidSkeneAfterARun()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await CampaignAsync(database);
        var results = database.Get<ResultsService>();
        await database.Get<ConsensusRecomputer>().RunAsync(scenario.CampaignId, null, CancellationToken.None);

        var table = await results.VolunteerSkillAsync(scenario.CampaignId, VolunteerSort.GoldVotes, 1, 50, CancellationToken.None);

        Assert.Equal(4, table.Total);
        Assert.All(table.Rows, r => Assert.StartsWith("volunteer-", r.Pseudonym, StringComparison.Ordinal));
        var goldVoters = table.Rows.Where(r => r.GoldVotes == 1).ToList();
        Assert.Equal(3, goldVoters.Count);
        Assert.Equal(2, goldVoters.Count(r => r.GoldAccuracy == 0)); // answered Earthquake on a Noise gold subject
        Assert.Equal(1, goldVoters.Count(r => r.GoldAccuracy == 1));
        Assert.All(table.Rows, r => Assert.NotNull(r.DawidSkeneAccuracy));
        Assert.NotNull(table.DawidSkeneComputedAt);
    }

    [Fact]
    public async Task Subject_DetailHasEveryVoteEachMethodAndHandRetirement()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await CampaignAsync(database);
        var s = scenario.Subjects[1];
        await database.Get<SubjectRetirementService>().UnretireAsync(s, null, CancellationToken.None);

        var detail = (await database.Get<ResultsService>().SubjectAsync(s, CancellationToken.None))!;

        Assert.Equal(3, detail.Votes.Count);
        Assert.Equal([AggregationMethods.Majority, AggregationMethods.Weighted], detail.Consensus.Select(c => c.Method));
        Assert.True(detail.HeldActiveByHand);
        Assert.Null(detail.Prediction);
        Assert.Null(await database.Get<ResultsService>().SubjectAsync(987654, CancellationToken.None));
    }
}
