namespace QuakeDetective.Core.Import;

/// <summary>
/// Lists the files an import will read: given files as they are, folders recursively in name order. Hidden entries and
/// files that are plainly not waveforms (documents, images, archives, CSV) are ignored. With an allowed root, paths
/// outside it and symbolic links are refused, so a site import cannot reach other files on the server.
/// </summary>
internal static class ImportFileScanner
{
    private const int MaxDepth = 32;

    private static readonly HashSet<string> NotWaveforms = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".csv", ".json", ".xml", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg",
        ".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".py", ".sh", ".log", ".yaml", ".yml", ".ini", ".npz", ".npy",
        ".h5", ".hdf5", ".wav", ".db", ".sqlite", ".tmp", ".part",
    };

    public static ScanResult Scan(IReadOnlyList<string> paths, string? allowedRoot)
    {
        var files = new List<ScannedFile>();
        var notes = new List<string>();
        var root = allowedRoot is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(allowedRoot));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                throw new ImportRequestException("An empty path was given.");
            }

            var full = Path.GetFullPath(given);
            if (root is not null && !IsInside(full, root))
            {
                throw new ImportRequestException($"'{given}' is outside the import folder {root}; only files under it can be imported from the site.");
            }

            if (root is not null && HasLinkBelow(root, full))
            {
                throw new ImportRequestException($"'{given}' is or passes through a symbolic link; links are not followed in site imports.");
            }

            if (File.Exists(full))
            {
                if (seen.Add(full))
                {
                    files.Add(new ScannedFile(full, Path.GetFileName(full)));
                }
            }
            else if (Directory.Exists(full))
            {
                var visited = new HashSet<string>(StringComparer.Ordinal);
                Walk(full, full, root, files, notes, seen, visited, 0);
            }
            else
            {
                throw new ImportRequestException($"'{given}' does not exist: give a MiniSEED or SAC file or a folder of them.");
            }
        }

        return new ScanResult(files, notes);
    }

    private static void Walk(string folder, string top, string? root, List<ScannedFile> files, List<string> notes, HashSet<string> seen,
        HashSet<string> visited, int depth)
    {
        var real = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder;
        if (depth > MaxDepth || !visited.Add(real))
        {
            return;
        }

        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{Relative(top, folder)}: folder could not be read ({ex.Message})");
            return;
        }

        var ignored = 0;
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var isLink = IsLink(entry);
            if (isLink && root is not null)
            {
                notes.Add($"{Relative(top, entry)}: symbolic link not followed (site imports read only real files under the import folder)");
                continue;
            }

            if (Directory.Exists(entry))
            {
                Walk(entry, top, root, files, notes, seen, visited, depth + 1);
            }
            else if (File.Exists(entry))
            {
                if (NotWaveforms.Contains(Path.GetExtension(name)))
                {
                    ignored++;
                    continue;
                }

                if (seen.Add(entry))
                {
                    files.Add(new ScannedFile(entry, Relative(top, entry)));
                }
            }
        }

        if (ignored > 0)
        {
            notes.Add($"{(folder == top ? Path.GetFileName(top) : Relative(top, folder))}: {ignored} file(s) that are not waveforms (documents, images, CSV ...) were ignored");
        }
    }

    private static string Relative(string top, string path)
    {
        var relative = Path.GetRelativePath(top, path).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? Path.GetFileName(top) : relative;
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>True when any path component below <paramref name="root"/> down to <paramref name="full"/> is a symbolic link.</summary>
    internal static bool HasLinkBelow(string root, string full)
    {
        for (var path = full; path.Length > root.Length; path = Path.GetDirectoryName(path) ?? root)
        {
            if (IsLink(path))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsInside(string fullPath, string root) =>
        string.Equals(fullPath, root, StringComparison.Ordinal) ||
        fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
