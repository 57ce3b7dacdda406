namespace QuakeDetective.Storage;

/// <summary>
/// Objects as files under a root folder: key <c>a/b/c.png</c> is the file <c>{Root}/a/b/c.png</c>. The root can be
/// any mounted file system, so several instances share their objects by pointing at one folder (an NFS or SMB
/// mount, or an S3 bucket mounted with s3fs or rclone).
/// <para>
/// A write goes to a temporary file beside the target (named ".{name}.{random}.tmp", which no key can name and
/// listings skip), is flushed to disk, and is renamed over the target: rename is atomic on one file system, so a
/// reader opens either the old or the new file, and of concurrent writers of one key the last rename wins whole.
/// </para>
/// <para>
/// The work is done synchronously on the caller's thread and the returned tasks are already complete: the objects
/// are small, and asynchronous file I/O on Linux is only a hand-off to the thread pool. So callers that must stay
/// synchronous (parallel loops of the importer) can wait on these tasks without tying up a second thread.
/// </para>
/// </summary>
public sealed class LocalFolderBlobStore : IBlobStore
{
    private const string TempSuffix = ".tmp";

    public LocalFolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    /// <summary>The root folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The file of a key, or of a prefix ("" is the root itself).</summary>
    public string Locate(string key)
    {
        BlobKey.ValidatePrefix(key, nameof(key));
        var relative = key.TrimEnd('/');
        return relative.Length == 0 ? Root : Path.Join(Root, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = FileOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: a concurrent rename over this file or a delete must not fail because it is being read.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<byte[]?> ReadAllBytesAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = FileOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult<byte[]?>(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<byte[]?>(null);
        }
    }

    public async Task WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = FileOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Join(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + TempSuffix);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task WriteAllBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        WriteAsync(key, (stream, _) =>
        {
            stream.Write(content.Span);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(FileOf(key));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(file.Exists ? new BlobInfo(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)) : null);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = FileOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(true);
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix, nameof(prefix));
        return List(prefix, cancellationToken).ToAsyncEnumerable();
    }

    private IEnumerable<BlobInfo> List(string prefix, CancellationToken cancellationToken)
    {
        // Start in the deepest folder that the prefix names whole: "waveforms/c1" lists under "waveforms".
        var cut = prefix.LastIndexOf('/');
        var folder = cut < 0 ? Root : Locate(prefix[..(cut + 1)]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var found = new List<BlobInfo>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var path in Directory.EnumerateFiles(folder, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !BlobKey.IsValid(key))
            {
                continue; // temporary files (".name.tmp") and anything else that no key can name
            }

            var file = new FileInfo(path);
            if (file.Exists)
            {
                found.Add(new BlobInfo(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var info in found)
        {
            yield return info;
        }
    }

    /// <summary>
    /// Removes the temporary files (".name.random.tmp") that a killed process left half-written anywhere under the
    /// root, and returns how many. A file a live writer (this or another instance) is still writing is locked by it
    /// (FileShare.None, an exclusive lock on Unix) and stays. Objects themselves are never touched.
    /// </summary>
    public int DeleteAbandonedTemporaryFiles()
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var deleted = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var path in Directory.EnumerateFiles(Root, "." + "*" + TempSuffix, options))
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    // Opened exclusively: no writer holds it any more.
                }

                File.Delete(path);
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Still being written, or already gone.
            }
        }

        return deleted;
    }

    private string FileOf(string key) => Locate(BlobKey.Validate(key, nameof(key)));
}
