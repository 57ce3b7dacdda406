using System.Security.Cryptography;
using System.Text;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Core.Storage;

/// <summary>Stores subject windows as standard MiniSEED files in the data folder (readable by ObsPy and libmseed).</summary>
public sealed class WaveformStore(DataFolder dataFolder)
{
    /// <summary>Writes a window atomically under a collection folder (e.g. "c12" for campaign 12) and returns its path relative to the waveform store.</summary>
    public string Save(string collection, string importKey, IReadOnlyList<Trace> traces)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(importKey)))[..24].ToLowerInvariant();
        var relative = Path.Combine(collection, name[..2], name + ".mseed");
        var full = dataFolder.WaveformFile(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                MiniSeedWriter.Write(stream, traces);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>Reads a stored window back: the traces ordered vertical first, then N/1, then E/2.</summary>
    public IReadOnlyList<Trace> Load(string relativePath)
    {
        var traces = WaveformReader.ReadFile(dataFolder.WaveformFile(relativePath));
        return traces.OrderBy(t => ComponentOrder(t.Id.Component)).ThenBy(t => t.Id.ToString(), StringComparer.Ordinal).ToList();
    }

    public void Delete(string relativePath)
    {
        var full = dataFolder.WaveformFile(relativePath);
        if (File.Exists(full))
        {
            File.Delete(full);
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
