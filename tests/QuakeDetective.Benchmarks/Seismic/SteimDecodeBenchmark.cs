using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Benchmarks.Seismic;

/// <summary>
/// Single-threaded MiniSEED decoding speed: the integer samples of the shared real files, re-encoded as Steim-1 and
/// Steim-2 in 512- and 4096-byte records and tiled to about 50 MB (2 MB in quick mode), parsed record by record
/// into int arrays. Targets are libmseed 2.19's figures on the reference machine.
/// </summary>
public sealed class SteimDecodeBenchmark : IBenchmark
{
    private const double Steim1Target = 2.7e8;
    private const double Steim2Target = 1.8e8;

    public string Name => "seismic.steim";

    public Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (samples, origin) = RealSamples();
        Console.WriteLine($"  input: {samples.Length} samples from {origin}");
        var targetBytes = context.Quick ? 2 << 20 : 50 << 20;
        var repetitions = context.Quick ? 2 : 5;
        foreach (var encoding in new[] { MiniSeedEncoding.Steim1, MiniSeedEncoding.Steim2 })
        {
            foreach (var recordLength in new[] { 512, 4096 })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (file, sampleCount) = BuildFile(samples, encoding, recordLength, targetBytes);

                // Warm up (JIT, tiered compilation), then check the decoded count once.
                var decoded = Decode(file);
                if (decoded != sampleCount)
                {
                    throw new InvalidOperationException($"decoded {decoded} samples, expected {sampleCount}");
                }

                var seconds = BenchmarkContext.BestSeconds(repetitions, () => Decode(file));
                var name = encoding == MiniSeedEncoding.Steim1 ? "steim1" : "steim2";
                context.Record($"seismic.{name}.{recordLength}.samples_per_s", sampleCount / seconds, "samples/s",
                    target: encoding == MiniSeedEncoding.Steim1 ? Steim1Target : Steim2Target,
                    note: $"{file.Length / 1e6:F1} MB, {sampleCount} samples, best of {repetitions}, records parsed and decoded to int[]");

                if (recordLength == 512)
                {
                    // The whole reader path as import uses it: records, merge into segments, doubles.
                    var readSeconds = BenchmarkContext.BestSeconds(context.Quick ? 1 : 3, () => WaveformReader.ReadDetailed(file, "bench.mseed"));
                    context.Record($"seismic.read.{name}.{recordLength}.samples_per_s", sampleCount / readSeconds, "samples/s",
                        note: "WaveformReader.ReadDetailed: decode, merge, convert to double");
                }
            }
        }

        return Task.CompletedTask;
    }

    private static long Decode(byte[] file)
    {
        var parser = new MiniSeedParser(file, file.Length, "bench.mseed");
        parser.ParseAll();
        if (parser.Errors.Count > 0)
        {
            throw new InvalidOperationException(parser.Errors[0].Message);
        }

        long count = 0;
        foreach (var record in parser.Records)
        {
            count += record.SampleCount;
        }

        return count;
    }

    /// <summary>Encodes the samples once, then repeats those records until the file reaches the wanted size.</summary>
    private static (byte[] File, long Samples) BuildFile(int[] samples, MiniSeedEncoding encoding, int recordLength, int targetBytes)
    {
        using var stream = new MemoryStream();
        var trace = new Trace(new SeedId("XX", "BENCH", "", "HHZ"), 0, 100, samples.Select(x => (double)x).ToArray());
        MiniSeedWriter.Write(stream, [trace], recordLength, encoding);
        var block = stream.ToArray();
        var copies = Math.Max(1, targetBytes / block.Length);
        var file = new byte[block.Length * copies];
        for (var c = 0; c < copies; c++)
        {
            block.CopyTo(file, c * block.Length);
        }

        return (file, (long)samples.Length * copies);
    }

    /// <summary>Integer samples of the shared MiniSEED files (real seismograms), or a random walk when they are absent.</summary>
    private static (int[] Samples, string Origin) RealSamples()
    {
        var folder = SharedMiniSeedFolder();
        var all = new List<int>();
        if (folder is not null)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var result = WaveformReader.ReadFileDetailed(path);
                foreach (var trace in result.Traces)
                {
                    if (trace.Count > 1000 && trace.Samples.All(x => x == Math.Floor(x) && Math.Abs(x) < 1 << 28))
                    {
                        all.AddRange(trace.Samples.Select(x => (int)x));
                    }
                }
            }
        }

        if (all.Count > 0)
        {
            return ([.. all], folder!);
        }

        var random = new Random(1);
        var walk = new int[500_000];
        for (var i = 1; i < walk.Length; i++)
        {
            walk[i] = walk[i - 1] + random.Next(-300, 301);
        }

        return (walk, "a seeded random walk (shared data not found)");
    }

    private static string? SharedMiniSeedFolder()
    {
        var env = Environment.GetEnvironmentVariable("QUAKE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "seismic", "mseed")))
        {
            return Path.Combine(env, "seismic", "mseed");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("QuakeDetective.sln").Length > 0)
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "seismic", "mseed"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
