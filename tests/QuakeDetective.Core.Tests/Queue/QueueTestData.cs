using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Tests.Queue;

/// <summary>Campaigns and subjects written straight to the test database (no waveforms: the queue never reads them).</summary>
internal static class QueueTestData
{
    public static async Task<Campaign> CampaignAsync(TestDatabase database, int subjects, QueueSettings? queue = null, CampaignStatus status = CampaignStatus.Active, int maxVotes = 10)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var campaign = new Campaign
        {
            Name = "queue " + Guid.NewGuid().ToString("N"),
            Status = status,
            Queue = queue ?? new QueueSettings { RandomShare = 0, GoldRateNewcomer = 0, GoldRateExperienced = 0 },
            Retirement = new RetirementSettings { MaxVotes = maxVotes },
        };
        for (var i = 0; i < subjects; i++)
        {
            campaign.Subjects.Add(new Subject
            {
                Station = "XX.S" + i + ".00",
                Channels = "BHZ,BHN,BHE",
                WaveformPath = $"test/{i}.mseed",
                ImportKey = "k" + i,
                WindowStart = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i),
                WindowEnd = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i).AddSeconds(2000),
                SampleRate = 40,
            });
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    public static async Task GoldAsync(TestDatabase database, long subjectId, string label, string explanation = "because")
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        db.GoldLabels.Add(new GoldLabel { SubjectId = subjectId, Label = label, Explanation = explanation });
        await db.SaveChangesAsync();
    }

    public static Task<long> VolunteerAsync(TestDatabase database) =>
        database.Get<VolunteerService>().ResolveAsync(null, Guid.NewGuid(), CancellationToken.None);
}
