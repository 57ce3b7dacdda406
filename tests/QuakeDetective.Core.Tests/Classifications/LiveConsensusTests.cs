using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;
using E = QuakeDetective.Core.Domain.DefaultAnswers;
using SubjectRetirement = QuakeDetective.Core.Domain.RetirementReason;

namespace QuakeDetective.Core.Tests.Classifications;

/// <summary>Retirement and the live majority/weighted rows as votes arrive through <see cref="ClassificationService"/>.</summary>
public sealed class LiveConsensusTests
{
    [Fact]
    public async Task Vote_FourUnanimous_RetiresOnEarlyConsensusAtTheFourthNotBefore()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database);
        var v = await scenario.VolunteersAsync(4);
        var s = scenario.Subjects[0];

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await scenario.VoteAsync(v[i], s, E.Earthquake)).Retired);
        }

        var fourth = await scenario.VoteAsync(v[3], s, E.Earthquake);

        Assert.True(fourth.Retired);
        var subject = await scenario.SubjectAsync(s);
        Assert.Equal(SubjectStatus.Retired, subject.Status);
        Assert.Equal(SubjectRetirement.EarlyConsensus, subject.RetirementReason);
        Assert.Equal(4, subject.VoteCount);
    }

    [Fact]
    public async Task Vote_OneDissentAmongFour_WaitsUntilSixVotesReachEightyPercent()
    {
        // 3 of 4 (75 %) and 4 of 5 (80 % < 100 % needed at 4–5) stay; 5 of 6 (83 % ≥ 80 %) retires.
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database);
        var v = await scenario.VolunteersAsync(6);
        var s = scenario.Subjects[0];
        string[] answers = [E.Tremor, E.Noise, E.Tremor, E.Tremor, E.Tremor, E.Tremor];

        var retiredAt = new List<bool>();
        for (var i = 0; i < answers.Length; i++)
        {
            retiredAt.Add((await scenario.VoteAsync(v[i], s, answers[i])).Retired);
        }

        Assert.Equal([false, false, false, false, false, true], retiredAt);
        Assert.Equal(SubjectRetirement.EarlyConsensus, (await scenario.SubjectAsync(s)).RetirementReason);
    }

    [Fact]
    public async Task Vote_SplitCrowdWithoutEarlyRule_RetiresAtVoteLimit()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, retirement: new RetirementSettings { MaxVotes = 3, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(3);
        var s = scenario.Subjects[0];

        await scenario.VoteAsync(v[0], s, E.Noise);
        await scenario.VoteAsync(v[1], s, E.Noise);
        var third = await scenario.VoteAsync(v[2], s, E.Earthquake);

        Assert.True(third.Retired);
        Assert.Equal(SubjectRetirement.VoteLimit, (await scenario.SubjectAsync(s)).RetirementReason);
    }

    [Fact]
    public async Task Vote_CustomRuleString_IsTheCampaignsRule()
    {
        // "2-3:1" retires two agreeing votes at once.
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, retirement: new RetirementSettings { MaxVotes = 6, EarlyConsensusRules = "2-3:1" });
        var v = await scenario.VolunteersAsync(2);

        await scenario.VoteAsync(v[0], scenario.Subjects[0], E.Noise);
        var second = await scenario.VoteAsync(v[1], scenario.Subjects[0], E.Noise);

        Assert.True(second.Retired);
    }

    [Fact]
    public async Task Vote_UnreadableRuleString_StillRetiresAtVoteLimitAndKeepsVotes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, retirement: new RetirementSettings { MaxVotes = 2, EarlyConsensusRules = "four to five: all" });
        var v = await scenario.VolunteersAsync(2);

        Assert.False((await scenario.VoteAsync(v[0], scenario.Subjects[0], E.Noise)).Retired);
        Assert.True((await scenario.VoteAsync(v[1], scenario.Subjects[0], E.Tremor)).Retired);
        Assert.Equal(SubjectRetirement.VoteLimit, (await scenario.SubjectAsync(scenario.Subjects[0])).RetirementReason);
    }

    [Fact]
    public async Task Vote_ByScientist_IsStoredButNotCountedNorInConsensus()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, retirement: new RetirementSettings { MaxVotes = 2, EarlyConsensusEnabled = false });
        var volunteer = (await scenario.VolunteersAsync(1))[0];
        var scientist = await scenario.AccountVolunteerAsync(Roles.Scientist);
        var s = scenario.Subjects[0];

        await scenario.VoteAsync(volunteer, s, E.Noise);
        var expert = await scenario.VoteAsync(scientist, s, E.Earthquake);

        Assert.False(expert.Retired);
        var subject = await scenario.SubjectAsync(s);
        Assert.Equal(SubjectStatus.Active, subject.Status);
        Assert.Equal(1, subject.VoteCount);
        var majority = await scenario.RowAsync(s, AggregationMethods.Majority);
        Assert.Equal(E.Noise, majority!.Label);
        Assert.Equal(1, majority.VoteCount);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(2, await db.Classifications.CountAsync(c => c.SubjectId == s));
    }

    [Fact]
    public async Task Vote_EachOne_RewritesMajorityAndWeightedRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database);
        var v = await scenario.VolunteersAsync(3);
        var s = scenario.Subjects[0];
        var before = DateTime.UtcNow.AddSeconds(-1);

        await scenario.VoteAsync(v[0], s, E.Tremor);
        await scenario.VoteAsync(v[1], s, E.Noise);
        var tie = await scenario.RowAsync(s, AggregationMethods.Majority);
        await scenario.VoteAsync(v[2], s, E.Tremor);
        var majority = await scenario.RowAsync(s, AggregationMethods.Majority);
        var weighted = await scenario.RowAsync(s, AggregationMethods.Weighted);

        // After two votes: a reported tie, broken by answer order (Tremor before Noise).
        Assert.True(tie!.IsTie);
        Assert.Equal(E.Tremor, tie.Label);
        Assert.Equal(0.5, tie.Agreement, 9);

        Assert.False(majority!.IsTie);
        Assert.Equal(E.Tremor, majority.Label);
        Assert.Equal(2 / 3.0, majority.Confidence, 9);
        Assert.Equal(2 / 3.0, majority.Agreement, 9);
        Assert.Equal(3, majority.VoteCount);
        Assert.Equal(new Dictionary<string, int> { [E.Earthquake] = 0, [E.Tremor] = 2, [E.Noise] = 1, [E.NoneOfTheAbove] = 0 },
            JsonSerializer.Deserialize<Dictionary<string, int>>(majority.VotesPerAnswerJson));
        Assert.InRange(majority.ComputedAt, before, DateTime.UtcNow.AddSeconds(1));

        // Without gold every weight is the default: the weighted vote agrees with the majority.
        Assert.Equal(E.Tremor, weighted!.Label);
        Assert.Equal(2 / 3.0, weighted.Confidence, 9);
        Assert.Equal(3, weighted.VoteCount);
    }

    [Fact]
    public async Task Vote_WithGoldHistory_LiveWeightedRowEqualsTheWholeCampaignEstimate()
    {
        // A reliable volunteer (right on both gold subjects) against two who are wrong on gold: live rows must be what
        // the batch weighted vote over the whole campaign computes, so the recompute finds nothing to change.
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 4, retirement: new RetirementSettings { MaxVotes = 50, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(3);
        var (g1, g2, s1, s2) = (scenario.Subjects[0], scenario.Subjects[1], scenario.Subjects[2], scenario.Subjects[3]);
        await scenario.GoldAsync(g1, E.Earthquake);
        await scenario.GoldAsync(g2, E.Noise);
        await scenario.VoteAsync(v[0], g1, E.Earthquake);
        await scenario.VoteAsync(v[0], g2, E.Noise);
        foreach (var bad in v[1..])
        {
            await scenario.VoteAsync(bad, g1, E.Noise);
            await scenario.VoteAsync(bad, g2, E.Earthquake);
        }

        database.Get<WeightedPriorCache>().Invalidate(scenario.CampaignId);
        await scenario.VoteAsync(v[0], s1, E.Earthquake);
        await scenario.VoteAsync(v[1], s1, E.Noise);
        await scenario.VoteAsync(v[2], s1, E.Noise);
        await scenario.VoteAsync(v[2], s2, E.Tremor);
        var live = await scenario.RowAsync(s1, AggregationMethods.Weighted);

        var summary = await database.Get<ConsensusRecomputer>().RunAsync(scenario.CampaignId, null, CancellationToken.None);

        var batch = await scenario.RowAsync(s1, AggregationMethods.Weighted);
        Assert.Equal(0, summary.SkippedNewer);
        Assert.Equal(live!.Label, batch!.Label);
        Assert.Equal(live.Confidence, batch.Confidence, 12);
        Assert.Equal(live.ComputedAt, batch.ComputedAt); // unchanged values are not rewritten
        Assert.True(live.Confidence < 2 / 3.0, $"the reliable volunteer's answer should weigh more than a third, confidence {live.Confidence}");
    }

    [Fact]
    public async Task RetireByHand_LeavesQueueAtOnce_AndUnretireKeepsItThereDespiteTheRule()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 1, retirement: new RetirementSettings { MaxVotes = 2, EarlyConsensusEnabled = false });
        var v = await scenario.VolunteersAsync(4);
        var s = scenario.Subjects[0];
        var queue = database.Get<SubjectQueue>();
        var retirement = database.Get<SubjectRetirementService>();
        var changes = new List<SubjectStatusChange>();
        database.Get<SubjectStatusNotifier>().Changed += changes.Add;
        Assert.NotNull(await queue.NextAsync(v[0], scenario.CampaignId, CancellationToken.None));

        Assert.True(await retirement.RetireAsync(s, "scientist-1", CancellationToken.None));

        Assert.Null(await queue.NextAsync(v[0], scenario.CampaignId, CancellationToken.None));
        Assert.Equal(SubjectRetirement.ByHand, (await scenario.SubjectAsync(s)).RetirementReason);

        Assert.True(await retirement.UnretireAsync(s, "scientist-1", CancellationToken.None));
        await scenario.VoteAsync(v[1], s, E.Noise);
        var third = await scenario.VoteAsync(v[2], s, E.Noise);

        Assert.False(third.Retired);
        var subject = await scenario.SubjectAsync(s);
        Assert.Equal(SubjectStatus.Active, subject.Status);
        Assert.Equal(2, subject.VoteCount);
        Assert.Equal([SubjectStatus.Retired, SubjectStatus.Active], changes.Select(c => c.Status));
        Assert.False(await retirement.RetireAsync(987654, null, CancellationToken.None));
    }

    [Fact]
    public async Task Vote_ModelVoteOn_CountsInWeightedButNotInMajorityNorRetirement()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 1, retirement: new RetirementSettings { MaxVotes = 2, EarlyConsensusEnabled = false },
            configure: c => c.ModelVoteEnabled = true);
        var s = scenario.Subjects[0];
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            var model = new ModelVersion { Name = "m1", FilePath = "m1.zip", CampaignId = scenario.CampaignId, IsCurrent = true };
            db.ModelVersions.Add(model);
            await db.SaveChangesAsync();
            db.Predictions.Add(new Prediction { SubjectId = s, ModelVersionId = model.Id, Label = E.Earthquake, Probability = 0.9 });
            await db.SaveChangesAsync();
        }

        var v = await scenario.VolunteersAsync(1);
        var first = await scenario.VoteAsync(v[0], s, E.Noise);

        Assert.False(first.Retired); // one human vote of two; the model's does not count
        var majority = await scenario.RowAsync(s, AggregationMethods.Majority);
        var weighted = await scenario.RowAsync(s, AggregationMethods.Weighted);
        Assert.Equal(E.Noise, majority!.Label);
        Assert.Equal(1.0, majority.Confidence, 9);
        Assert.Equal(0.5, weighted!.Confidence, 9); // Noise and Earthquake with equal default weights
        Assert.True(weighted.IsTie);
        Assert.Equal(1, weighted.VoteCount);
        Assert.Equal(1, (await scenario.SubjectAsync(s)).VoteCount);
    }
}
