using System.Security.Cryptography;
using System.Text;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Storage;

namespace QuakeDetective.Core.Storage;

/// <summary>
/// Stores subject windows as standard MiniSEED objects (readable by ObsPy and libmseed) in the blob store, under
/// "waveforms/". Paths handed out and taken back are relative to that prefix (what Subject.WaveformPath holds), e.g.
/// "c12/ab/ab12….mseed". The synchronous methods wait on the store, which for the local folder has already done
/// the work; they serve the importer's and the feature extractor's parallel loops.
/// </summary>
public sealed class WaveformStore(IBlobStore blobs)
{
    /// <summary>Key prefix of the stored windows; on the local store the folder "waveforms" under the blob root.</summary>
    public const string Prefix = "waveforms";

    /// <summary>Writes a window atomically under a collection (e.g. "c12" for campaign 12) and returns its path relative to the waveform store.</summary>
    public string Save(string collection, string importKey, IReadOnlyList<Trace> traces) =>
        SaveAsync(collection, importKey, traces, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="Save"/>
    public async Task<string> SaveAsync(string collection, string importKey, IReadOnlyList<Trace> traces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importKey);
        ArgumentNullException.ThrowIfNull(traces);
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(importKey)))[..24].ToLowerInvariant();
        var relative = collection + "/" + name[..2] + "/" + name + ".mseed";
        await blobs.WriteAsync(KeyOf(relative), (stream, _) =>
        {
            MiniSeedWriter.Write(stream, traces);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return relative;
    }

    /// <summary>Reads a stored window back: the traces ordered vertical first, then N/1, then E/2.</summary>
    public IReadOnlyList<Trace> Load(string relativePath) => LoadAsync(relativePath, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="Load"/>
    /// <exception cref="FileNotFoundException">The window is not in the store.</exception>
    public async Task<IReadOnlyList<Trace>> LoadAsync(string relativePath, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(relativePath);
        var content = await blobs.ReadAllBytesAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"The stored waveform window '{relativePath}' is missing ({blobs.Locate(key)}).", blobs.Locate(key));
        var read = WaveformReader.ReadDetailed(content, key[(key.LastIndexOf('/') + 1)..]);
        if (read.Traces.Count == 0 && read.Errors.Count > 0)
        {
            throw read.Errors[0]; // as WaveformReader.ReadFile: a window with nothing readable is a format error
        }

        return read.Traces.OrderBy(t => ComponentOrder(t.Id.Component)).ThenBy(t => t.Id.ToString(), StringComparer.Ordinal).ToList();
    }

    public void Delete(string relativePath) => DeleteAsync(relativePath, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Removes a stored window; false when it was not there.</summary>
    public Task<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken = default) =>
        blobs.DeleteAsync(KeyOf(relativePath), cancellationToken);

    /// <summary>The blob key of a path relative to the waveform store; a path that would leave the store is refused.</summary>
    public static string KeyOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        try
        {
            return BlobKey.Combine(Prefix, relativePath);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Waveform path '{relativePath}' is not a path inside the waveform store: {ex.Message}", ex);
        }
    }

    private static int ComponentOrder(char component) => component switch
    {
        'Z' or 'z' => 0,
        'N' or 'n' or '1' => 1,
        'E' or 'e' or '2' => 2,
        _ => 3,
    };
}
