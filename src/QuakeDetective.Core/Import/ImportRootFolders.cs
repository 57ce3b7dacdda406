using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Import;

/// <summary>
/// The server folders an admin may import from: the configured import root (Storage:ImportRoot) and the folders below
/// it. Paths come from the browser as paths relative to the root and are refused when they are absolute, contain "..",
/// pass through a symbolic link or do not resolve inside the root.
/// </summary>
public sealed class ImportRootFolders(DataFolder dataFolder)
{
    public string Root => dataFolder.ImportRoot;

    public bool RootExists => Directory.Exists(Root);

    /// <summary>Folders under the root as relative paths with '/' ("" is the root itself), breadth first, links skipped.</summary>
    public IReadOnlyList<string> List(int maxDepth = 4, int maxCount = 500)
    {
        var result = new List<string>();
        if (!RootExists)
        {
            return result;
        }

        result.Add("");
        var queue = new Queue<(string Path, int Depth)>();
        queue.Enqueue((Root, 0));
        while (queue.Count > 0 && result.Count < maxCount)
        {
            var (folder, depth) = queue.Dequeue();
            if (depth >= maxDepth)
            {
                continue;
            }

            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children)
            {
                if (Path.GetFileName(child).StartsWith('.') || new DirectoryInfo(child).LinkTarget is not null)
                {
                    continue;
                }

                result.Add(Path.GetRelativePath(Root, child).Replace(Path.DirectorySeparatorChar, '/'));
                if (result.Count >= maxCount)
                {
                    break;
                }

                queue.Enqueue((child, depth + 1));
            }
        }

        return result;
    }

    /// <summary>Resolves a folder relative to the root; false with a reason for anything that is not a real folder inside it.</summary>
    public bool TryResolve(string? relative, out string fullPath, out string error)
    {
        fullPath = string.Empty;
        error = string.Empty;
        var text = (relative ?? string.Empty).Trim();
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Root));
        if (text.Contains('\0', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(text) ||
            text.Split('/').Any(part => part is ".." or "."))
        {
            error = $"'{relative}' is not a folder inside the import folder: give a path relative to it, without '..'.";
            return false;
        }

        var full = Path.GetFullPath(Path.Combine(root, text.Trim('/')));
        if (!ImportFileScanner.IsInside(full, root))
        {
            error = $"'{relative}' is outside the import folder.";
            return false;
        }

        if (!Directory.Exists(full))
        {
            error = text.Length == 0
                ? $"The import folder {root} does not exist yet: create it on the server and put the files there."
                : $"There is no folder '{text}' in the import folder.";
            return false;
        }

        if (ImportFileScanner.HasLinkBelow(root, full))
        {
            error = $"'{text}' passes through a symbolic link; links are not followed.";
            return false;
        }

        fullPath = full;
        return true;
    }
}
