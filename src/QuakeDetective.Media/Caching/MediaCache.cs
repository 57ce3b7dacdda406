using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using QuakeDetective.Storage;

namespace QuakeDetective.Media.Caching;

/// <summary>
/// Cache of rendered media in a blob store (the local folder, or a folder that several instances share). Objects are
/// named by a hash of the key (so no key can name anything outside the cache), written atomically by the store
/// (readers never see half a file), and concurrent requests for the same key in this process share one rendering.
/// Instances that share the store share the cache: what one rendered, the others serve.
/// </summary>
public sealed class MediaCache
{
    /// <summary>Key prefix of the cache in a shared blob store ("media/…").</summary>
    public const string DefaultPrefix = "media";

    private const int HashHexLength = 40;
    private const int ETagHexLength = 16;

    private readonly ConcurrentDictionary<string, Lazy<Task<MediaCacheEntry>>> _inFlight = new(StringComparer.Ordinal);
    private readonly IBlobStore _store;
    private readonly string _prefix;

    /// <summary>A cache in its own local folder.</summary>
    public MediaCache(string folder)
        : this(new LocalFolderBlobStore(folder), prefix: string.Empty)
    {
    }

    /// <summary>A cache under <paramref name="prefix"/> in <paramref name="store"/>, e.g. "media" in the site's blob store.</summary>
    public MediaCache(IBlobStore store, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        _store = store;
        _prefix = prefix.TrimEnd('/');
        if (_prefix.Length > 0)
        {
            BlobKey.Validate(_prefix, nameof(prefix));
        }

        Folder = store.Locate(_prefix);
    }

    /// <summary>Where the cache lives: its folder (absolute) on a local store.</summary>
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
        var blobKey = KeyFor(key, extension);
        var cached = await TryReadAsync(blobKey, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return cached;
        }

        Lazy<Task<MediaCacheEntry>>? self = null;
        var candidate = new Lazy<Task<MediaCacheEntry>>(() => CreateAsync(blobKey, factory, self!), LazyThreadSafetyMode.ExecutionAndPublication);
        self = candidate;
        var shared = _inFlight.GetOrAdd(blobKey, candidate);
        return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached file for <paramref name="key"/>, or null when it has not been rendered.</summary>
    public Task<MediaCacheEntry?> TryGetAsync(string key, string extension, CancellationToken cancellationToken = default) =>
        TryReadAsync(KeyFor(key, extension), cancellationToken);

    /// <summary>Where the file of a key lives (see <see cref="IBlobStore.Locate"/>): on a local store a path inside <see cref="Folder"/>.</summary>
    public string PathFor(string key, string extension) => _store.Locate(KeyFor(key, extension));

    /// <summary>The blob key of a cache key: "{prefix}/{2 hex}/{40 hex}.{extension}" from the key's SHA-256.</summary>
    public string KeyFor(string key, string extension)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("Media cache key must not be empty.", nameof(key));
        }

        var ext = NormaliseExtension(extension);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..HashHexLength];
        var name = hash[..2] + "/" + hash + "." + ext;
        return _prefix.Length == 0 ? name : _prefix + "/" + name;
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

    private async Task<MediaCacheEntry?> TryReadAsync(string blobKey, CancellationToken cancellationToken)
    {
        var content = await _store.ReadAllBytesAsync(blobKey, cancellationToken).ConfigureAwait(false);
        return content is null ? null : new MediaCacheEntry(_store.Locate(blobKey), content, ETagOf(content), Created: false);
    }

    private async Task<MediaCacheEntry> CreateAsync(string blobKey, Func<CancellationToken, Task<byte[]>> factory, Lazy<Task<MediaCacheEntry>> self)
    {
        try
        {
            // Another caller (or another instance sharing the store) may have finished between our miss and our turn.
            var cached = await TryReadAsync(blobKey, CancellationToken.None).ConfigureAwait(false);
            if (cached is not null)
            {
                return cached;
            }

            var content = await factory(CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The media factory returned null instead of the file's bytes.");
            await _store.WriteAllBytesAsync(blobKey, content, CancellationToken.None).ConfigureAwait(false);
            return new MediaCacheEntry(_store.Locate(blobKey), content, ETagOf(content), Created: true);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(blobKey, self));
        }
    }
}
