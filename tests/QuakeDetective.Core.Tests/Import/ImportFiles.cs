using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Core.Tests.Import;

/// <summary>Generated MiniSEED files in a temporary folder: seeded integer noise, so they are written as Steim-2 like real data.</summary>
internal sealed class ImportFiles : IDisposable
{
    public static readonly long T0 = SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 6, 30, 0, DateTimeKind.Utc));

    public ImportFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "quake-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static Trace Noise(string id, double seconds, double rate = 20, long? start = null, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new double[(int)Math.Round(seconds * rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = 1000 + Math.Round(200 * (random.NextDouble() - 0.5)) + (i % 50);
        }

        return new Trace(SeedId.Parse(id), start ?? T0, rate, samples);
    }

    public static Trace[] ThreeComponents(string station = "IU.ANMO.00", double seconds = 600, double rate = 20, long? start = null, string prefix = "BH") =>
    [
        Noise($"{station}.{prefix}Z", seconds, rate, start, 1),
        Noise($"{station}.{prefix}N", seconds, rate, start, 2),
        Noise($"{station}.{prefix}E", seconds, rate, start, 3),
    ];

    public string Write(string relativePath, params Trace[] traces)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        MiniSeedWriter.Write(stream, traces);
        return path;
    }

    /// <summary>A file whose last record is cut short: returns the byte offset of that record.</summary>
    public (string Path, long BadRecordOffset) WriteTruncated(string relativePath, params Trace[] traces)
    {
        var path = Write(relativePath, traces);
        var length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(length - 100);
        }

        return (path, length - 512);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
