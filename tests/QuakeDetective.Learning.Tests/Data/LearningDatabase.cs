using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuakeDetective.Core;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Learning.Tests.Data;

/// <summary>A real SQLite database (migrated) in a temporary data folder, with the Learning services on top.</summary>
public sealed class LearningDatabase : IAsyncDisposable
{
    private readonly IHost _host;

    private LearningDatabase(IHost host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    public string Folder { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public Task<QuakeDbContext> DbAsync() => Get<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();

    public static async Task<LearningDatabase> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-learning-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Storage:DataFolder"] = folder;
        builder.Configuration["Demo:Enabled"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.AddQuakeData();
        builder.AddQuakeLearning();
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        return new LearningDatabase(host, folder);
    }

    /// <summary>
    /// A campaign of generated subjects (60 s at 20 Hz so that features are quick), each with a stored window, its true
    /// label, and a consensus row of the campaign's method carrying that label with the given confidence.
    /// </summary>
    public async Task<Campaign> SeedCampaignAsync(string name, int perClass, double confidence = 0.9, bool consensus = true, string method = "majority", int seed = 1)
    {
        var store = Get<WaveformStore>();
        var campaign = new Campaign { Name = name, PrimaryConsensusMethod = method, CreatedAt = DateTime.UtcNow };
        var index = 0;
        foreach (var label in SyntheticSamples.Classes)
        {
            for (var i = 0; i < perClass; i++, index++)
            {
                var traces = SyntheticSamples.Window(SyntheticSamples.ToClass(label), seed * 10_000 + index, 60, 20);
                var key = $"{name}:{index}";
                campaign.Subjects.Add(new Subject
                {
                    Station = traces[0].Id.StationKey,
                    Channels = string.Join(',', traces.Select(t => t.Id.Channel)),
                    WindowStart = traces[0].StartUtc,
                    WindowEnd = traces[0].StartUtc.AddSeconds(60),
                    SampleRate = 20,
                    WaveformPath = store.Save("test", key, traces),
                    ImportKey = key,
                    TrueLabel = label,
                    CreatedAt = DateTime.UtcNow,
                });
            }
        }

        await using var db = await DbAsync();
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        if (consensus)
        {
            foreach (var subject in campaign.Subjects)
            {
                db.ConsensusResults.Add(new ConsensusResult { SubjectId = subject.Id, Method = method, Label = subject.TrueLabel!, Confidence = confidence, Agreement = confidence, VoteCount = 10, ComputedAt = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();
        }

        return campaign;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
