using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Gold;
using QuakeDetective.Core.Tests.Classifications;
using E = QuakeDetective.Core.Domain.DefaultAnswers;

namespace QuakeDetective.Core.Tests.Gold;

public sealed class GoldServiceTests
{
    [Fact]
    public async Task Import_GoodFile_StoresEveryRowWithCanonicalLabelsAndExplanations()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 3);
        var csv = $"label,subject_id,explanation\n\"earthquake\",{scenario.Subjects[0]},\"Sharp onset, then coda\"\nNoise,{scenario.Subjects[1]},\nNoise,{scenario.Subjects[1]},\n";

        var result = await database.Get<GoldService>().ImportCsvAsync(scenario.CampaignId, new StringReader(csv), "expert-1", CancellationToken.None);

        Assert.True(result.Stored, string.Join("; ", result.Problems));
        Assert.Equal(2, result.Added);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var gold = await db.GoldLabels.OrderBy(g => g.SubjectId).ToListAsync();
        Assert.Equal([E.Earthquake, E.Noise], gold.Select(g => g.Label));
        Assert.Equal("Sharp onset, then coda", gold[0].Explanation);
        Assert.Equal("expert-1", gold[0].ExpertUserId);
        Assert.Equal(1, await db.BackgroundJobs.CountAsync(j => j.Kind == "consensus")); // weights moved: a recompute is queued
    }

    [Fact]
    public async Task Import_AnyBadLine_StoresNothingAndNamesEveryLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 2);
        var other = await ConsensusScenario.CreateAsync(database, subjects: 1);
        var csv = string.Join('\n',
            "subject_id,label",
            $"{scenario.Subjects[0]},Tremor",
            $"{scenario.Subjects[1]},Volcano",
            "abc,Noise",
            $"{other.Subjects[0]},Noise",
            $"{scenario.Subjects[0]},Noise",
            $"{scenario.Subjects[1]}",
            "\"unclosed,Noise");

        var result = await database.Get<GoldService>().ImportCsvAsync(scenario.CampaignId, new StringReader(csv), null, CancellationToken.None);

        Assert.False(result.Stored);
        Assert.Equal([3, 4, 5, 6, 7, 8], result.Problems.Select(p => p.Line));
        Assert.Contains("Volcano", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a subject of this campaign", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", result.Problems[3].Message, StringComparison.Ordinal);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.GoldLabels.CountAsync());
    }

    [Fact]
    public async Task Import_HeaderWithoutLabel_IsOneProblemOnLineOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 1);

        var result = await database.Get<GoldService>().ImportCsvAsync(scenario.CampaignId, new StringReader("subject_id,class\n1,Noise\n"), null, CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("'label'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_ThenChangeThenRemove_OneGoldRowFollowsTheExpert()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 1);
        var gold = database.Get<GoldService>();
        var s = scenario.Subjects[0];

        Assert.True((await gold.SetAsync(s, "tremor", "slow build-up", "e1", CancellationToken.None)).Succeeded);
        Assert.True((await gold.SetAsync(s, E.Noise, "", "e2", CancellationToken.None)).Succeeded);
        var bad = await gold.SetAsync(s, "Volcano", null, "e2", CancellationToken.None);

        Assert.False(bad.Succeeded);
        Assert.Contains("None of the above", bad.Error, StringComparison.Ordinal);
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            var row = await db.GoldLabels.SingleAsync();
            Assert.Equal((E.Noise, "e2"), (row.Label, row.ExpertUserId));
        }

        Assert.True(await gold.RemoveAsync(s, "e2", CancellationToken.None));
        await using var after = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await after.GoldLabels.CountAsync());
    }
}
