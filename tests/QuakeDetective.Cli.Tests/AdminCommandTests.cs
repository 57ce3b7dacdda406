using QuakeDetective.Cli;

namespace QuakeDetective.Cli.Tests;

public sealed class AdminCommandTests
{
    [Fact]
    public async Task AdminCreate_NewDataFolder_CreatesAdministratorOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-cli-admin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await RunAsync("admin", "create", "--email", "boss@example.org", "--password", "quake-2026", "--data-folder", folder);
            var second = await RunAsync("admin", "create", "--email", "boss@example.org", "--password", "quake-2026", "--data-folder", folder);

            Assert.Equal(0, first.Exit);
            Assert.Contains("Created administrator boss@example.org", first.Out, StringComparison.Ordinal);
            Assert.Equal(0, second.Exit);
            Assert.Contains("already had an account", second.Out, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "quake.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AdminCreate_WeakPassword_FailsWithOneLineError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-cli-admin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await RunAsync("admin", "create", "--email", "boss@example.org", "--password", "short", "--data-folder", folder);

            Assert.NotEqual(0, result.Exit);
            var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("quake: could not create the administrator", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at QuakeDetective", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownProvider_FailsWithOneLineError()
    {
        Environment.SetEnvironmentVariable("Database__Provider", "Oracle");
        try
        {
            var result = await RunAsync("admin", "create", "--email", "boss@example.org", "--password", "quake-2026", "--data-folder", Path.GetTempPath());

            Assert.NotEqual(0, result.Exit);
            Assert.Contains("Database:Provider 'Oracle' is not supported", result.Err, StringComparison.Ordinal);
            Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Database__Provider", null);
        }
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await QuakeCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
