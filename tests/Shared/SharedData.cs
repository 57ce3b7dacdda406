namespace QuakeDetective.Tests;

/// <summary>
/// Locates the project's shared test data (../shared/data beside the checkout). Tests that need it call
/// <see cref="Require"/>: it skips with a clear reason when the folder is missing, and fails when CI=true.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Path of ../shared/data, or null when it cannot be found.</summary>
    public static string? RootOrNull => Root.Value;

    /// <summary>The full path of a file or folder under shared/data; skips or fails when it is absent.</summary>
    public static string Require(string relativePath)
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine(root, relativePath);
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }

        var reason = $"Shared test data '{relativePath}' not found (looked for ../shared/data beside the checkout; " +
                     "set QUAKE_SHARED_DATA to its path).";
        if (IsCi)
        {
            throw new InvalidOperationException(reason + " CI=true, so this is a failure, not a skip.");
        }

        Skip.If(true, reason);
        return string.Empty;
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("QUAKE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (dir.GetFiles("QuakeDetective.sln").Length > 0)
            {
                var beside = Path.Combine(dir.FullName, "..", "shared", "data");
                return Directory.Exists(beside) ? Path.GetFullPath(beside) : null;
            }

            if (Directory.Exists(candidate) && Directory.Exists(Path.Combine(candidate, "seismic")))
            {
                return candidate;
            }
        }

        return null;
    }
}
