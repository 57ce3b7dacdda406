using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Campaigns;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Tests.Classifications;

namespace QuakeDetective.Core.Tests.Campaigns;

public sealed class CampaignServiceTests
{
    [Fact]
    public async Task Create_Valid_StoredWithEverySetting()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.Get<CampaignService>();
        var input = new CampaignSettingsInput
        {
            Name = "  Cascadia tremor ",
            AnswerChoices = ["Tremor", "Noise", ""],
            MaxVotes = 7,
            EarlyConsensusRules = "4-5:1",
            SpeedUp = 800,
            FixedAmplitudeLimit = 2000,
            Status = CampaignStatus.Paused,
            GoldRateNewcomer = 0.5,
        };

        var result = await service.CreateAsync(input, "admin", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var stored = await db.Campaigns.SingleAsync(c => c.Id == result.CampaignId);
        Assert.Equal("Cascadia tremor", stored.Name);
        Assert.Equal(["Tremor", "Noise"], stored.AnswerChoices);
        Assert.Equal(7, stored.Retirement.MaxVotes);
        Assert.Equal(800, stored.Audio.SpeedUp);
        Assert.Equal(2000, stored.Plot.FixedAmplitudeLimit);
        Assert.Equal(CampaignStatus.Paused, stored.Status);
        Assert.Equal(0.5, stored.Queue.GoldRateNewcomer);
    }

    [Fact]
    public async Task Update_RemovingAnsweredChoice_RefusedWithCountAndNothingStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 2);
        var volunteers = await scenario.VolunteersAsync(3);
        await scenario.VoteAsync(volunteers[0], scenario.Subjects[0], "Tremor");
        await scenario.VoteAsync(volunteers[1], scenario.Subjects[0], "Tremor");
        await scenario.VoteAsync(volunteers[2], scenario.Subjects[1], "Noise");
        var service = database.Get<CampaignService>();
        var input = (await service.GetSettingsAsync(scenario.CampaignId, CancellationToken.None))!;
        input.AnswerChoices = ["Earthquake", "Noise", "None of the above"];
        input.SpeedUp = 0;
        input.Description = "changed";

        var result = await service.UpdateAsync(scenario.CampaignId, input, "admin", CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Errors, e => e.Field == "AnswerChoices" && e.Message.Contains("'Tremor' cannot be removed or renamed: it already has 2 votes", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "SpeedUp");
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var stored = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == scenario.CampaignId);
        Assert.Equal(DefaultAnswers.All, stored.AnswerChoices);
        Assert.Equal(400, stored.Audio.SpeedUp);
        Assert.Equal("", stored.Description);
    }

    [Fact]
    public async Task Update_Valid_SavedAndWeightedPriorRecomputedFromNewChoices()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await ConsensusScenario.CreateAsync(database, subjects: 1);
        var priors = database.Get<WeightedPriorCache>();
        var before = await priors.GetAsync(scenario.CampaignId, CancellationToken.None);
        var service = database.Get<CampaignService>();
        var input = (await service.GetSettingsAsync(scenario.CampaignId, CancellationToken.None))!;
        input.AnswerChoices = [.. input.AnswerChoices, "Volcanic"];
        input.BandHighHz = 12;
        input.ModelVoteEnabled = true;

        var result = await service.UpdateAsync(scenario.CampaignId, input, "admin", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        var after = await priors.GetAsync(scenario.CampaignId, CancellationToken.None);
        Assert.False(before.ContainsKey("Volcanic"));
        Assert.True(after.ContainsKey("Volcanic")); // the cached prior was dropped, not served stale
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var stored = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == scenario.CampaignId);
        Assert.Equal(12, stored.Audio.BandHighHz);
        Assert.True(stored.ModelVoteEnabled);
        Assert.Equal(1, await db.BackgroundJobs.CountAsync(j => j.Kind == ConsensusJobs.Kind)); // model vote switched: recompute queued
    }

    [Fact]
    public async Task CreateAndUpdate_DuplicateName_Refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.Get<CampaignService>();
        var first = await service.CreateAsync(new CampaignSettingsInput { Name = "Alpha" }, null, CancellationToken.None);
        var second = await service.CreateAsync(new CampaignSettingsInput { Name = "Beta" }, null, CancellationToken.None);

        var again = await service.CreateAsync(new CampaignSettingsInput { Name = "alpha" }, null, CancellationToken.None);
        var rename = await service.UpdateAsync(second.CampaignId!.Value, new CampaignSettingsInput { Name = "ALPHA" }, null, CancellationToken.None);
        var keep = await service.UpdateAsync(first.CampaignId!.Value, new CampaignSettingsInput { Name = "Alpha", Description = "same name is fine" }, null, CancellationToken.None);

        Assert.Equal("Name", Assert.Single(again.Errors).Field);
        Assert.Equal("Name", Assert.Single(rename.Errors).Field);
        Assert.True(keep.Saved);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(["Alpha", "Beta"], await db.Campaigns.OrderBy(c => c.Id).Select(c => c.Name).ToListAsync());
    }
}
