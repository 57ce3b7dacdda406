namespace QuakeDetective.Storage;

/// <summary>
/// Objects (stored waveform windows, rendered media) under '/'-separated relative keys (see <see cref="BlobKey"/>).
/// Every instance of the site and the CLI that is configured with the same store sees the same objects.
/// <list type="bullet">
/// <item>Writes are atomic: a reader sees the whole previous object, the whole new one, or nothing — never a part.
/// Of concurrent writers of one key, one complete object is left.</item>
/// <item>Every key argument is checked with <see cref="BlobKey.Validate"/>; an invalid key throws
/// <see cref="ArgumentException"/> before anything is touched.</item>
/// <item>A missing object is not an error: reads return null, deletes return false.</item>
/// </list>
/// </summary>
public interface IBlobStore
{
    /// <summary>Where a key lives, for logs and error messages: a full file path for a local folder, a URL for a remote store.</summary>
    string Locate(string key);

    /// <summary>A readable stream of the object, or null when there is none. The caller disposes it.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The object's bytes, or null when there is none.</summary>
    Task<byte[]?> ReadAllBytesAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or replaces the object with what <paramref name="write"/> writes to the stream it is given. The object
    /// appears only once <paramref name="write"/> has finished; if it throws, nothing changes.
    /// </summary>
    Task WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the object with <paramref name="content"/>, atomically.</summary>
    Task WriteAllBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Size and time of the object, or null when there is none.</summary>
    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the object; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The objects whose keys start with <paramref name="prefix"/> (plain string prefix: "media/" lists the folder
    /// "media", "waveforms/c1" lists "waveforms/c1/…" and "waveforms/c12/…"), in ordinal key order. Empty lists all.
    /// </summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
