using System.Diagnostics;
using QuakeDetective.Media.Audio;
using QuakeDetective.Media.Caching;
using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic;
using Trace = QuakeDetective.Seismic.Trace;

namespace QuakeDetective.Benchmarks.Media;

/// <summary>
/// Plot and sound of one 2000 s, 40 Hz, 3-component subject rendered from scratch (targets &lt; 50 ms each), and the
/// same files served from the disk media cache (target &lt; 2 ms).
/// </summary>
public sealed class MediaRenderBenchmark : IBenchmark
{
    private const double ColdTargetMs = 50;
    private const double CachedTargetMs = 2;

    public string Name => "media.render";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var repetitions = context.Quick ? 3 : 15;
        var subject = Subject(seed: 11);
        var plots = new PlotRenderer();
        var audio = new AudioRenderer();
        var waveform = new PlotSettings { ShowHorizontals = true, BandLowHz = 2, BandHighHz = 8 };
        var spectrogram = new PlotSettings { Kind = PlotKind.Spectrogram };
        var sound = new AudioSettings();
        Console.WriteLine($"  font: {PlotRenderer.FontSource}");

        // The very first render also pays for JIT and font loading: reported, not held to the target.
        var first = Stopwatch.StartNew();
        plots.RenderPng(subject[0], [subject[1], subject[2]], waveform);
        context.Record("media.plot.first_call_in_process.ms", first.Elapsed.TotalMilliseconds, "ms", higherIsBetter: false, note: "includes JIT and font loading");
        audio.RenderWav(subject[0], sound);

        var png = Array.Empty<byte>();
        var plotMs = 1000 * BenchmarkContext.BestSeconds(repetitions, () => png = plots.RenderPng(subject[0], [subject[1], subject[2]], waveform));
        context.Record("media.plot.waveform_zne_1200x500.ms", plotMs, "ms", ColdTargetMs, higherIsBetter: false, note: $"{png.Length / 1024.0:F0} KiB PNG, 2-8 Hz band-pass of 3 x 80 000 samples");

        var plotZMs = 1000 * BenchmarkContext.BestSeconds(repetitions, () => plots.RenderPng(subject[0], new PlotSettings()));
        context.Record("media.plot.waveform_z_1200x500.ms", plotZMs, "ms", ColdTargetMs, higherIsBetter: false);

        var specMs = 1000 * BenchmarkContext.BestSeconds(repetitions, () => plots.RenderPng(subject[0], spectrogram));
        context.Record("media.plot.spectrogram_1200x500.ms", specMs, "ms", ColdTargetMs, higherIsBetter: false);

        var wav = Array.Empty<byte>();
        var soundMs = 1000 * BenchmarkContext.BestSeconds(repetitions, () => wav = audio.RenderWav(subject[0], sound));
        context.Record("media.sound.wav_400x.ms", soundMs, "ms", ColdTargetMs, higherIsBetter: false, note: $"{wav.Length / 1024.0:F0} KiB WAV, 5 s at 16 kHz");

        var resampled = Subject(seed: 12, sampleRate: 200, seconds: 400)[0];
        var resampleMs = 1000 * BenchmarkContext.BestSeconds(repetitions, () => audio.RenderWav(resampled, sound));
        context.Record("media.sound.wav_200hz_resampled.ms", resampleMs, "ms", ColdTargetMs, higherIsBetter: false, note: "200 Hz x 400 = 80 kHz resampled to 48 kHz (WDL)");

        var cache = new MediaCache(Path.Combine(context.ScratchFolder, "media-cache"));
        await cache.GetOrCreateAsync("bench|plot", "png", _ => Task.FromResult(png), cancellationToken);
        await cache.GetOrCreateAsync("bench|wav", "wav", _ => Task.FromResult(wav), cancellationToken);
        var hitMs = double.MaxValue;
        for (var i = 0; i < repetitions * 20; i++)
        {
            var sw = Stopwatch.StartNew();
            var plotEntry = await cache.GetOrCreateAsync("bench|plot", "png", _ => throw new InvalidOperationException("cache miss"), cancellationToken);
            var wavEntry = await cache.GetOrCreateAsync("bench|wav", "wav", _ => throw new InvalidOperationException("cache miss"), cancellationToken);
            hitMs = Math.Min(hitMs, sw.Elapsed.TotalMilliseconds / 2);
            if (plotEntry.Created || wavEntry.Created)
            {
                throw new InvalidOperationException("The media cache rendered again instead of serving the file.");
            }
        }

        context.Record("media.cache.hit.ms", hitMs, "ms", CachedTargetMs, higherIsBetter: false, note: "read + strong ETag of one cached file");
    }

    /// <summary>An earthquake-like Z, N, E: noise and microseism, P at 600 s and S at 780 s with exponential coda.</summary>
    private static Trace[] Subject(int seed, double sampleRate = 40, double seconds = 2000)
    {
        var n = (int)(sampleRate * seconds);
        var start = 1_262_304_000L * 1_000_000_000L;
        return new[] { "BHZ", "BHN", "BHE" }.Select((channel, c) =>
        {
            var random = new Random(seed * 3 + c);
            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                var t = i / sampleRate;
                var p = t < 600 ? 0 : 3000 * Math.Exp(-(t - 600) / 25) * Math.Sin(2 * Math.PI * 4 * t);
                var s = t < 780 ? 0 : 9000 * Math.Exp(-(t - 780) / 90) * Math.Sin(2 * Math.PI * 2.5 * t + c);
                x[i] = 40 * (random.NextDouble() - 0.5) + 300 * Math.Sin(2 * Math.PI * 0.16 * t) + (c == 0 ? p : 0.3 * p) + (c == 0 ? 0.5 * s : s);
            }

            return new Trace(new SeedId("XX", "BENCH", "00", channel), start, sampleRate, x);
        }).ToArray();
    }
}
