using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Import;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Benchmarks.Import;

/// <summary>
/// The import path end to end on a real SQLite database: a day of 3-channel 100 Hz data (one generated hour tiled 24
/// times, written as Steim-2 MiniSEED) into 2-minute windows with the default preprocessing (demean, detrend, taper),
/// target under 10 s; then the same with a 2-8 Hz band-pass and resampling to 40 Hz, one file per channel (as a
/// SeisComP archive holds it), and a second import of the same file (which must add nothing).
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    public string Name => "import";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var hours = context.Quick ? 1 : 24;
        var label = context.Quick ? "hour" : "day";
        var folder = Path.Combine(context.ScratchFolder, "import-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        var perChannel = Directory.CreateDirectory(Path.Combine(folder, "sds")).FullName;
        try
        {
            var traces = Day(hours);
            var samples = traces.Sum(t => (long)t.Count);
            var file = Path.Combine(data, "XX.DAY.00.HH.mseed");
            await using (var stream = File.Create(file))
            {
                MiniSeedWriter.Write(stream, traces);
            }

            foreach (var trace in traces)
            {
                await using var stream = File.Create(Path.Combine(perChannel, $"{trace.Id}.D.2010.058"));
                MiniSeedWriter.Write(stream, [trace]);
            }

            Console.WriteLine($"  wrote {samples:N0} samples ({new FileInfo(file).Length / 1e6:0.0} MB of Steim-2) for a {label} of 3 x 100 Hz");
            using var host = await StartAsync(Path.Combine(folder, "store"), cancellationToken);
            var importer = host.Services.GetRequiredService<ImportService>();
            var windows = hours * 30;
            var target = 10.0 * hours / 24;

            var first = await TimeAsync(() => importer.ImportAsync(Request("default", data), null, cancellationToken));
            Check(first.Result, windows);
            context.Record($"import.{label}_3ch_100hz_120s.seconds", first.Seconds, "s", target, higherIsBetter: false,
                note: $"one file, {first.Result.SubjectsCreated} subjects, demean + detrend + 5 % taper, FLOAT32 windows, one transaction");
            context.Record($"import.{label}_3ch_100hz_120s.samples_per_s", samples / first.Seconds, "samples/s");
            context.Record($"import.{label}_3ch_100hz_120s.cpu_seconds", first.CpuSeconds, "s", target, higherIsBetter: false,
                note: "CPU time of all threads: what the import costs whatever else the machine is doing");

            var again = await TimeAsync(() => importer.ImportAsync(Request("default", data), null, cancellationToken));
            if (again.Result.SubjectsCreated != 0)
            {
                throw new InvalidOperationException("A second import of the same file added subjects.");
            }

            context.Record($"import.{label}_reimport.seconds", again.Seconds, "s", note: "same file again: hash, lookup, nothing added");

            await CreateCampaignAsync(host, "filtered", """{"bandLowHz":2,"bandHighHz":8,"targetSampleRate":40}""", cancellationToken);
            var filtered = await TimeAsync(() => importer.ImportAsync(Request("filtered", perChannel), null, cancellationToken));
            Check(filtered.Result, windows);
            context.Record($"import.{label}_3ch_100hz_120s_bandpass_40hz.seconds", filtered.Seconds, "s", target, higherIsBetter: false,
                note: "three files (one per channel) joined into 3-component subjects; + 2-8 Hz zero-phase band-pass, resampled to 40 Hz");
            context.Record($"import.{label}_3ch_100hz_120s_bandpass_40hz.cpu_seconds", filtered.CpuSeconds, "s", target, higherIsBetter: false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ImportRequest Request(string campaign, string path) => new() { CampaignName = campaign, Paths = [path], WindowSeconds = 120 };

    private static void Check(ImportResult result, int windows)
    {
        if (result.SubjectsCreated != windows || result.Files.Any(f => f.Status != ImportFileStatus.Imported))
        {
            throw new InvalidOperationException($"Expected {windows} subjects, got: {result.Summary}");
        }
    }

    private static async Task<(ImportResult Result, double Seconds, double CpuSeconds)> TimeAsync(Func<Task<ImportResult>> import)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await import();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>One generated hour of Z, N, E at 100 Hz tiled into the requested number of hours (whole counts, so Steim-2).</summary>
    private static Trace[] Day(int hours)
    {
        var start = SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 0, 0, 0, DateTimeKind.Utc));
        var hour = new SyntheticWaveformGenerator().Generate(SyntheticClass.Earthquake, 1, new SyntheticOptions
        {
            SampleRate = 100, DurationSeconds = 3600, ChannelPrefix = "HH", Network = "XX", Station = "DAY", StartTimeNs = start,
        });
        return hour.Traces.Select(t =>
        {
            var samples = new double[t.Count * hours];
            for (var h = 0; h < hours; h++)
            {
                t.Samples.CopyTo(samples, h * t.Count);
            }

            return t.WithSamples(samples);
        }).ToArray();
    }

    private static async Task<IHost> StartAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = dataFolder, ["Demo:Enabled"] = "false" });
        builder.AddQuakeData();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("QuakeDetective.Core.Import", LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning);
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        return host;
    }

    private static async Task CreateCampaignAsync(IHost host, string name, string preprocessingJson, CancellationToken cancellationToken)
    {
        var factory = host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<QuakeDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Campaigns.Add(new Core.Domain.Campaign
        {
            Name = name,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Import = new Core.Domain.ImportSettings { WindowSeconds = 120, PreprocessingJson = preprocessingJson },
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
