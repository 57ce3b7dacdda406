using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Tests;

/// <summary>A real SQLite file in a temporary data folder, migrated, with Core's services; no demo campaign.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(IHost host, string folder)
    {
        Host = host;
        Folder = folder;
    }

    public IHost Host { get; }

    public string Folder { get; }

    public IServiceProvider Services => Host.Services;

    public IDbContextFactory<QuakeDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestDatabase> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-core-" + Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["Demo:Enabled"] = "false",
        });
        if (QuakeDetective.Tests.PostgresServer.Requested)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = QuakeDetective.Tests.PostgresServer.CreateDatabase(),
            });
        }

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddQuakeData();
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
        return new TestDatabase(host, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        await Task.CompletedTask;
    }
}
