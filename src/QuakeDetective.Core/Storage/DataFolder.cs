using Microsoft.Extensions.Options;

namespace QuakeDetective.Core.Storage;

/// <summary>The resolved data folder and its sub-folders, created on first use. Nothing is written in the source tree.</summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<StorageOptions> options)
        : this(options.Value.DataFolder, options.Value.ImportRoot, options.Value.BlobRoot)
    {
    }

    public DataFolder(string? root, string? importRoot = null, string? blobRoot = null)
    {
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(root) ? StorageOptions.DefaultDataFolder : root);
        ImportRoot = Path.GetFullPath(string.IsNullOrWhiteSpace(importRoot) ? Path.Combine(Root, "import") : importRoot);
        BlobRoot = Path.GetFullPath(string.IsNullOrWhiteSpace(blobRoot) ? Root : blobRoot);
    }

    public string Root { get; }

    /// <summary>Root of the local blob store (waveform windows and media): Storage:BlobRoot, by default <see cref="Root"/>.</summary>
    public string BlobRoot { get; }

    public string ImportRoot { get; }

    public string DatabasePath => Path.Combine(Root, "quake.db");

    public string WaveformsFolder => Ensure(Path.Combine(BlobRoot, WaveformStore.Prefix));

    public string MediaFolder => Ensure(Path.Combine(BlobRoot, "media"));

    public string ModelsFolder => Ensure(Path.Combine(Root, "models"));

    public string ExportsFolder => Ensure(Path.Combine(Root, "exports"));

    /// <summary>Full path of a stored waveform window from its path relative to the waveform store.</summary>
    public string WaveformFile(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(WaveformsFolder, relativePath));
        if (!full.StartsWith(WaveformsFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Waveform path '{relativePath}' points outside the waveform store.");
        }

        return full;
    }

    public void EnsureRootExists() => Ensure(Root);

    private static string Ensure(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
