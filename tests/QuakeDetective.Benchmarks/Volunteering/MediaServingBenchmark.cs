using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>
/// Plot and sound of 2000 s, 40 Hz, 3-component demo subjects as the site serves them: through SubjectMedia (stored
/// MiniSEED window read, campaign settings, rendering, disk cache) and over HTTP on Kestrel. Targets: cold under
/// 50 ms each, from the cache under 2 ms.
/// </summary>
public sealed class MediaServingBenchmark : IBenchmark
{
    private const double ColdTargetMs = 50;
    private const double CachedTargetMs = 2;

    public string Name => "volunteering.media";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var subjects = context.Quick ? 6 : 25;
        await using var site = SiteOnKestrel.Start(Path.Combine(context.ScratchFolder, "media-site"), new Dictionary<string, string?>
        {
            ["Demo:SubjectCount"] = (subjects * 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:WindowSeconds"] = "2000",
            ["Demo:SampleRate"] = "40",
            ["Demo:GoldPerClass"] = "0",
        });
        await using var db = await site.Get<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync(cancellationToken);
        var ids = await db.Subjects.OrderBy(s => s.Id).Select(s => new { s.Id, s.Channels, s.SampleRate, s.WindowStart, s.WindowEnd }).ToListAsync(cancellationToken);
        var first = ids[0];
        Console.WriteLine($"  subjects: {ids.Count} x {first.Channels} at {first.SampleRate} Hz, {(first.WindowEnd - first.WindowStart).TotalSeconds} s");
        var media = site.Get<SubjectMedia>();

        // JIT, fonts and the first data-area measurement are paid once, not per subject.
        await media.GetPlotAsync(ids[0].Id, new PlotRequest(null, null, null, false), cancellationToken);
        await media.GetAudioAsync(ids[0].Id, cancellationToken);

        var plot = new List<double>();
        var plotZne = new List<double>();
        var spectrogram = new List<double>();
        var sound = new List<double>();
        foreach (var subject in ids.Skip(1).Take(subjects))
        {
            plot.Add(await TimeAsync(() => media.GetPlotAsync(subject.Id, new PlotRequest(null, null, null, false), cancellationToken)));
            plotZne.Add(await TimeAsync(() => media.GetPlotAsync(subject.Id, new PlotRequest(1200, 760, true, false), cancellationToken)));
            spectrogram.Add(await TimeAsync(() => media.GetPlotAsync(subject.Id, new PlotRequest(1200, 500, false, true), cancellationToken)));
            sound.Add(await TimeAsync(() => media.GetAudioAsync(subject.Id, cancellationToken)));
        }

        // What the renderers do not see: reading and decoding the stored window (3 x 80,000 samples of MiniSEED).
        var store = site.Get<QuakeDetective.Core.Storage.WaveformStore>();
        var paths = await db.Subjects.OrderBy(s => s.Id).Select(s => s.WaveformPath).Take(subjects).ToListAsync(cancellationToken);
        var load = paths.Select(path =>
        {
            var sw = Stopwatch.StartNew();
            store.Load(path);
            return sw.Elapsed.TotalMilliseconds;
        }).ToList();
        Report(context, "volunteering.media.window_load", load, ColdTargetMs);

        Report(context, "volunteering.media.cold.plot_z_1200x500", plot, ColdTargetMs);
        Report(context, "volunteering.media.cold.plot_zne_1200x760", plotZne, ColdTargetMs);
        Report(context, "volunteering.media.cold.spectrogram_1200x500", spectrogram, ColdTargetMs);
        Report(context, "volunteering.media.cold.sound_wav", sound, ColdTargetMs);

        // Over HTTP on Kestrel: a cold subject (render + serve), then the same files again (disk cache + ETag).
        using var client = site.NewVolunteer();
        var httpCold = new List<double>();
        foreach (var subject in ids.Skip(1 + subjects).Take(subjects))
        {
            httpCold.Add(await TimeAsync(async () =>
            {
                using var p = await client.GetAsync($"/media/subjects/{subject.Id}/plot.png", cancellationToken);
                using var a = await client.GetAsync($"/media/subjects/{subject.Id}/audio.wav", cancellationToken);
                Ensure(p);
                Ensure(a);
                await p.Content.ReadAsByteArrayAsync(cancellationToken);
                await a.Content.ReadAsByteArrayAsync(cancellationToken);
            }) / 2);
        }

        Report(context, "volunteering.media.http.cold_per_file", httpCold, ColdTargetMs);

        var httpCached = new List<double>();
        var directCached = new List<double>();
        var repetitions = context.Quick ? 100 : 600;
        for (var i = 0; i < repetitions; i++)
        {
            var subject = ids[1 + i % subjects];
            var url = i % 2 == 0 ? $"/media/subjects/{subject.Id}/plot.png" : $"/media/subjects/{subject.Id}/audio.wav";
            httpCached.Add(await TimeAsync(async () =>
            {
                using var response = await client.GetAsync(url, cancellationToken);
                Ensure(response);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }));
            directCached.Add(await TimeAsync(() => i % 2 == 0
                ? media.GetPlotAsync(subject.Id, new PlotRequest(null, null, null, false), cancellationToken)
                : media.GetAudioAsync(subject.Id, cancellationToken)));
        }

        Report(context, "volunteering.media.cached.subject_media", directCached, CachedTargetMs);
        Report(context, "volunteering.media.cached.http_get", httpCached, CachedTargetMs);

        var revalidate = new List<double>();
        using (var head = await client.GetAsync($"/media/subjects/{ids[1].Id}/plot.png", cancellationToken))
        {
            for (var i = 0; i < repetitions / 2; i++)
            {
                revalidate.Add(await TimeAsync(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/subjects/{ids[1].Id}/plot.png");
                    request.Headers.IfNoneMatch.Add(head.Headers.ETag!);
                    using var response = await client.SendAsync(request, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.NotModified)
                    {
                        throw new InvalidOperationException($"Expected 304 for a matching ETag, got {(int)response.StatusCode}.");
                    }
                }));
            }
        }

        Report(context, "volunteering.media.cached.http_304", revalidate, CachedTargetMs);
    }

    private static void Ensure(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        }
    }

    private static void Report(BenchmarkContext context, string name, List<double> ms, double target)
    {
        context.Record(name + ".median_ms", Percentiles.Of(ms, 50), "ms", target, higherIsBetter: false,
            note: $"n={ms.Count}, min {ms.Min():F2} ms, p90 {Percentiles.Of(ms, 90):F2} ms, p95 {Percentiles.Of(ms, 95):F2} ms, max {ms.Max():F2} ms");
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> action)
    {
        var sw = Stopwatch.StartNew();
        var result = await action();
        if (result is null)
        {
            throw new InvalidOperationException("No media for the subject.");
        }

        return sw.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalMilliseconds;
    }
}
