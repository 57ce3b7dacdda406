using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Tests.Classifications;

/// <summary>A campaign with subjects and volunteers on a real SQLite database, and votes cast through the real service.</summary>
internal sealed class ConsensusScenario
{
    private int _keys;

    private ConsensusScenario(TestDatabase database, int campaignId, long[] subjects)
    {
        Database = database;
        CampaignId = campaignId;
        Subjects = subjects;
    }

    public TestDatabase Database { get; }

    public int CampaignId { get; }

    public long[] Subjects { get; }

    public static async Task<ConsensusScenario> CreateAsync(TestDatabase database, int subjects = 3, RetirementSettings? retirement = null, Action<Campaign>? configure = null)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var campaign = new Campaign { Name = "scenario " + Guid.NewGuid().ToString("N"), Retirement = retirement ?? new RetirementSettings() };
        configure?.Invoke(campaign);
        for (var i = 0; i < subjects; i++)
        {
            campaign.Subjects.Add(new Subject
            {
                Station = $"XX.S{i:D2}.00",
                Channels = "BHZ",
                WaveformPath = $"none/{i}.mseed",
                ImportKey = $"k{i}",
                SampleRate = 40,
                WindowStart = new DateTime(2010, 2, 27, 7, 0, 0, DateTimeKind.Utc).AddMinutes(10 * i),
                WindowEnd = new DateTime(2010, 2, 27, 7, 10, 0, DateTimeKind.Utc).AddMinutes(10 * i),
            });
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return new ConsensusScenario(database, campaign.Id, [.. campaign.Subjects.Select(s => s.Id)]);
    }

    public async Task<long[]> VolunteersAsync(int count)
    {
        var service = Database.Get<VolunteerService>();
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await service.ResolveAsync(null, Guid.NewGuid(), CancellationToken.None);
        }

        return ids;
    }

    /// <summary>A signed-in volunteer whose account has the given role (Scientist/Admin make expert votes).</summary>
    public async Task<long> AccountVolunteerAsync(string role)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminAccountService>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<QuakeUser>>();
        var email = $"{Guid.NewGuid():N}@example.org";
        var user = new QuakeUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, "password-123")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return await Database.Get<VolunteerService>().ResolveAsync(user.Id, null, CancellationToken.None);
    }

    public async Task<SubmitResult> VoteAsync(long volunteer, long subject, string answer)
    {
        var result = await Database.Get<ClassificationService>().SubmitAsync(
            new ClassificationRequest(volunteer, subject, answer, $"key-{Interlocked.Increment(ref _keys)}"), CancellationToken.None);
        Assert.Equal(SubmitOutcome.Created, result.Outcome);
        return result;
    }

    public async Task GoldAsync(long subject, string label)
    {
        await using var db = await Database.DbFactory.CreateDbContextAsync();
        db.GoldLabels.Add(new GoldLabel { SubjectId = subject, Label = label, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public async Task<Subject> SubjectAsync(long id)
    {
        await using var db = await Database.DbFactory.CreateDbContextAsync();
        return await db.Subjects.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    public async Task<ConsensusResult?> RowAsync(long subject, string method)
    {
        await using var db = await Database.DbFactory.CreateDbContextAsync();
        return await db.ConsensusResults.AsNoTracking().SingleOrDefaultAsync(r => r.SubjectId == subject && r.Method == method);
    }
}
