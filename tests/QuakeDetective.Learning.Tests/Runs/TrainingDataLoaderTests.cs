using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Learning.Tests.Data;

namespace QuakeDetective.Learning.Tests.Runs;

public sealed class TrainingDataLoaderTests : IAsyncLifetime
{
    private LearningDatabase _db = null!;

    public async Task InitializeAsync() => _db = await LearningDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Load_NoConsensusRows_MajorityFromVotes_GoldWins()
    {
        var campaign = await _db.SeedCampaignAsync("votes", perClass: 1, consensus: false);
        await using (var db = await _db.DbAsync())
        {
            var subjects = await db.Subjects.Where(s => s.CampaignId == campaign.Id).OrderBy(s => s.Id).ToListAsync();
            var volunteers = Enumerable.Range(0, 5).Select(i => new Volunteer { Pseudonym = $"v{i}", CreatedAt = DateTime.UtcNow }).ToList();
            db.Volunteers.AddRange(volunteers);
            await db.SaveChangesAsync();

            // Subject 0: 4 of 5 say Earthquake; subject 1: 3 of 5 say Noise (below 0.7); subject 2: gold says Tremor against the crowd.
            string[][] answers =
            [
                ["Earthquake", "Earthquake", "Earthquake", "Earthquake", "Noise"],
                ["Noise", "Noise", "Noise", "Tremor", "Tremor"],
                ["Noise", "Noise", "Noise", "Noise", "Noise"],
            ];
            for (var s = 0; s < answers.Length; s++)
            {
                for (var v = 0; v < 5; v++)
                {
                    db.Classifications.Add(new Classification { SubjectId = subjects[s].Id, VolunteerId = volunteers[v].Id, Answer = answers[s][v], IdempotencyKey = $"{s}-{v}", FinishedAt = DateTime.UtcNow });
                }
            }

            db.GoldLabels.Add(new GoldLabel { SubjectId = subjects[2].Id, Label = "Tremor", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var labels = await _db.Get<TrainingDataLoader>().LoadAsync([campaign.Id], 0.7, includeGold: true, CancellationToken.None);

        Assert.Equal(["Earthquake", "Tremor", "Noise", "None of the above"], labels.Classes);
        Assert.Equal(2, labels.Subjects.Count);
        Assert.Contains(labels.Subjects, s => s.Label == "Earthquake" && s.Source.StartsWith("consensus:majority", StringComparison.Ordinal) && Math.Abs(s.Confidence - 0.8) < 1e-9);
        Assert.Contains(labels.Subjects, s => s.Label == "Tremor" && s.Source == "gold");
        var source = Assert.Single(labels.Campaigns);
        Assert.True(source.MajorityFromVotes);
        Assert.Equal(1, source.BelowThreshold);
        Assert.Equal(1, source.Gold);
    }

    [Fact]
    public async Task Load_StoredRowsOfPrimaryMethod_UsesThemAndIgnoresOtherMethods()
    {
        var campaign = await _db.SeedCampaignAsync("ds", perClass: 2, method: "dawid-skene");
        await using (var db = await _db.DbAsync())
        {
            var first = await db.Subjects.Where(s => s.CampaignId == campaign.Id).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            db.ConsensusResults.Add(new ConsensusResult { SubjectId = first, Method = "majority", Label = "Noise", Confidence = 1, ComputedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var labels = await _db.Get<TrainingDataLoader>().LoadAsync([campaign.Id], 0.5, includeGold: true, CancellationToken.None);

        Assert.Equal(8, labels.Subjects.Count);
        Assert.All(labels.Subjects, s => Assert.Equal("consensus:dawid-skene", s.Source));
        Assert.Equal(2, labels.Subjects.Count(s => s.Label == "Earthquake"));
    }
}
