using System.Text.Json;
using System.Text.Json.Serialization;
using QuakeDetective.Core.Import;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Web.Background;

/// <summary>The full result of an import job (every file, skipped windows, notes) as JSON in the data folder.</summary>
public sealed class ImportReportStore(DataFolder dataFolder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes the report atomically and returns its path relative to the data folder.</summary>
    public async Task<string> SaveAsync(long jobId, ImportResult result, CancellationToken cancellationToken)
    {
        var relative = $"imports/job-{jobId}.json";
        var full = Path.Combine(dataFolder.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, result, Json, cancellationToken);
        }

        File.Move(temp, full, overwrite: true);
        return relative;
    }

    public async Task<ImportResult?> LoadAsync(string? relativePath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return null;
        }

        var root = Path.GetFullPath(dataFolder.Root);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        await using var stream = File.OpenRead(full);
        return await JsonSerializer.DeserializeAsync<ImportResult>(stream, Json, cancellationToken);
    }
}
