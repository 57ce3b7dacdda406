using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace QuakeDetective.Media.Caching;

/// <summary>
/// Disk cache of rendered media. Files are named by a hash of the key (so no key can name a path outside the
/// folder), written to a temporary file and moved into place (readers never see half a file), and concurrent
/// requests for the same key in this process share one rendering.
/// </summary>
public sealed class MediaCache
{
    private const int HashHexLength = 40;
    private const int ETagHexLength = 16;

    private readonly ConcurrentDictionary<string, Lazy<Task<MediaCacheEntry>>> _inFlight = new(StringComparer.Ordinal);

    public MediaCache(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The cache folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>
    /// The cached file for <paramref name="key"/>, rendered by <paramref name="factory"/> when it is not there yet.
    /// Concurrent callers of one key wait for the same rendering. A caller's token cancels its own wait only: the
    /// rendering goes on for the others (the factory gets <see cref="CancellationToken.None"/>), and a failed
    /// rendering is not remembered, so the next call tries again.
    /// </summary>
    /// <param name="key">Anything that identifies the content, e.g. subject id + settings cache key.</param>
    /// <param name="extension">File extension without the dot, letters and digits only: "png", "wav".</param>
    public async Task<MediaCacheEntry> GetOrCreateAsync(
        string key,
        string extension,
        Func<CancellationToken, Task<byte[]>> factory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var path = PathFor(key, extension);
        var cached = await TryReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return cached;
        }

        Lazy<Task<MediaCacheEntry>>? self = null;
        var candidate = new Lazy<Task<MediaCacheEntry>>(() => CreateAsync(path, factory, self!), LazyThreadSafetyMode.ExecutionAndPublication);
        self = candidate;
        var shared = _inFlight.GetOrAdd(path, candidate);
        return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached file for <paramref name="key"/>, or null when it has not been rendered.</summary>
    public Task<MediaCacheEntry?> TryGetAsync(string key, string extension, CancellationToken cancellationToken = default) =>
        TryReadAsync(PathFor(key, extension), cancellationToken);

    /// <summary>Where the file of a key lives: a two-level folder of the key's SHA-256, always inside <see cref="Folder"/>.</summary>
    public string PathFor(string key, string extension)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("Media cache key must not be empty.", nameof(key));
        }

        var ext = NormaliseExtension(extension);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..HashHexLength];
        return Path.Combine(Folder, hash[..2], hash + "." + ext);
    }

    /// <summary>Strong ETag of some content: the first 64 bits of its SHA-256, hex, quoted.</summary>
    public static string ETagOf(ReadOnlySpan<byte> content) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..ETagHexLength] + "\"";

    private static string NormaliseExtension(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var ext = extension.StartsWith('.') ? extension[1..] : extension;
        if (ext.Length is 0 or > 10 || !ext.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Media cache extension '{extension}' must be 1–10 letters or digits, e.g. png or wav.", nameof(extension));
        }

        return ext.ToLowerInvariant();
    }

    private static async Task<MediaCacheEntry?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return new MediaCacheEntry(path, content, ETagOf(content), Created: false);
    }

    private async Task<MediaCacheEntry> CreateAsync(string path, Func<CancellationToken, Task<byte[]>> factory, Lazy<Task<MediaCacheEntry>> self)
    {
        try
        {
            // Another caller may have finished between our miss and our turn.
            var cached = await TryReadAsync(path, CancellationToken.None).ConfigureAwait(false);
            if (cached is not null)
            {
                return cached;
            }

            var content = await factory(CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The media factory returned null instead of the file's bytes.");
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                await File.WriteAllBytesAsync(temp, content, CancellationToken.None).ConfigureAwait(false);
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }

            return new MediaCacheEntry(path, content, ETagOf(content), Created: true);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(path, self));
        }
    }
}
