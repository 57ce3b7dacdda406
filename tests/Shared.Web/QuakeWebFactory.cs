using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace QuakeDetective.Tests;

/// <summary>
/// The real site on a temporary SQLite file in a temporary data folder, with a small demo campaign so start-up is
/// quick. Pass the same folder to a second factory to test a restart.
/// </summary>
public sealed class QuakeWebFactory : WebApplicationFactory<Program>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PostgresDatabases = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsFolder;

    public QuakeWebFactory(string? dataFolder = null, IDictionary<string, string?>? settings = null)
    {
        _ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "quake-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = DataFolder,
            ["Demo:SubjectCount"] = "12",
            ["Demo:WindowSeconds"] = "600",
            ["Demo:GoldPerClass"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (PostgresServer.Requested && settings?.ContainsKey("Database:Provider") != true)
        {
            _settings["Database:Provider"] = "Postgres";
            // One database per data folder, so that a second factory on the same folder is a restart.
            _settings["Database:ConnectionString"] = PostgresDatabases.GetOrAdd(DataFolder, _ => PostgresServer.CreateDatabase());
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");

        // Outside Development the site expects a published wwwroot; in tests serve wwwroot-assets from the build manifest.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public T GetRequiredService<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
        {
            TryDelete(DataFolder);
        }
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
