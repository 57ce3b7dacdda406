using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Storage;
using QuakeDetective.Media.Audio;
using QuakeDetective.Media.Caching;
using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic;
using QuakeDetective.Web.Components.Shared;
using SkiaSharp;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>Plot and sound of a subject, rendered from its stored window with its campaign's settings, cached on disk.</summary>
public sealed class SubjectMedia(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WaveformStore waveforms,
    PlotRenderer plots,
    AudioRenderer audio,
    MediaCache cache,
    ILogger<SubjectMedia> logger)
{
    private readonly ConcurrentDictionary<PlotVariant, Lazy<PlotDataArea>> _dataAreas = new();

    public async Task<MediaCacheEntry?> GetPlotAsync(long subjectId, PlotRequest request, CancellationToken cancellationToken)
    {
        var subject = await LoadAsync(subjectId, cancellationToken);
        if (subject is null)
        {
            return null;
        }

        var settings = new PlotSettings
        {
            WidthPx = Math.Clamp(request.Width ?? 1200, PlotSettings.MinSizePx, 3000),
            HeightPx = Math.Clamp(request.Height ?? 500, PlotSettings.MinSizePx, 3000),
            ShowHorizontals = request.Horizontals ?? subject.ShowHorizontals,
            FixedAmplitudeLimit = subject.FixedAmplitudeLimit,
            BandLowHz = subject.FilterPlot ? subject.BandLowHz : null,
            BandHighHz = subject.FilterPlot ? subject.BandHighHz : null,
            Kind = request.Spectrogram ? PlotKind.Spectrogram : PlotKind.Waveform,
        };
        var key = $"plot|{subject.WaveformPath}|{settings.CacheKey()}|v{PlotRenderer.FormatVersion}";
        return await cache.GetOrCreateAsync(key, "png", _ =>
        {
            var traces = waveforms.Load(subject.WaveformPath);
            return Task.FromResult(plots.RenderPng(traces[0], settings.ShowHorizontals ? traces.Skip(1).ToList() : [], settings));
        }, cancellationToken);
    }

    public async Task<MediaCacheEntry?> GetAudioAsync(long subjectId, CancellationToken cancellationToken)
    {
        var subject = await LoadAsync(subjectId, cancellationToken);
        if (subject is null)
        {
            return null;
        }

        var settings = new AudioSettings
        {
            BandLowHz = subject.BandLowHz,
            BandHighHz = subject.BandHighHz,
            SpeedUp = subject.SpeedUp,
            CompressionEnabled = subject.Compression,
        };
        var key = $"audio|{subject.WaveformPath}|{settings.CacheKey()}|v{AudioRenderer.FormatVersion}";
        return await cache.GetOrCreateAsync(key, "wav", _ =>
        {
            var traces = waveforms.Load(subject.WaveformPath);
            return Task.FromResult(audio.RenderWav(traces[0], settings));
        }, cancellationToken);
    }

    /// <summary>
    /// Where the time axis lies in a plot of this variant. Measured once per variant by rendering a probe with the real
    /// renderer (so it follows any change to the renderer's layout): two sharp features at known times are found in the
    /// pixels, and the time axis is extrapolated from them to the window's start and end.
    /// </summary>
    public PlotDataArea GetDataArea(PlotVariant variant) =>
        _dataAreas.GetOrAdd(variant, v => new Lazy<PlotDataArea>(() => MeasureDataArea(v))).Value;

    private PlotDataArea MeasureDataArea(PlotVariant variant)
    {
        try
        {
            return PlotProbe.Measure(plots, variant);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            logger.LogWarning(ex, "Could not measure the data area of {Variant}; the playhead uses an estimate", variant);
            return PlotDataArea.Fallback;
        }
    }

    /// <summary>Renders a probe window and finds its two features in the pixels.</summary>
    private static class PlotProbe
    {
        // 10 Hz, 1000 s. The features sit at 249.6 s and 748.8 s: centres of the spectrogram's 6.4 s segments (50 % overlap),
        // so the bright stripes are symmetric around them; any other segmenting still lands within half a hop.
        private const double Rate = 10;
        private const int Count = 10_000;
        private const int FirstIndex = 2496;
        private const int SecondIndex = 7488;
        private const double Amplitude = 1e6;

        public static PlotDataArea Measure(PlotRenderer renderer, PlotVariant variant)
        {
            var settings = new PlotSettings
            {
                WidthPx = variant.Width,
                HeightPx = variant.Height,
                ShowHorizontals = variant.Horizontals,
                FixedAmplitudeLimit = 1,
                Kind = variant.Spectrogram ? PlotKind.Spectrogram : PlotKind.Waveform,
            };
            var traces = new[] { "HHZ", "HHN", "HHE" }.Select(channel => new Trace(new SeedId("XX", "PROBE", "00", channel), 0, Rate, Features())).ToList();
            var png = renderer.RenderPng(traces[0], variant.Horizontals ? traces.Skip(1).ToList() : [], settings);
            using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("The probe plot could not be decoded.");

            // Waveform: the features are dark (vertical) or coloured (horizontals) columns clipped to the panels.
            // Spectrogram: bright stripes (the yellow-green end of viridis, which unlike the white margin has little blue).
            Func<SKColor, bool> isFeature = variant.Spectrogram
                ? c => c.Green > 170 && c.Blue < 140
                : c => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) < 110 || Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 90;
            var counts = new int[bitmap.Width];
            for (var x = 0; x < bitmap.Width; x++)
            {
                for (var y = 0; y < bitmap.Height; y++)
                {
                    if (isFeature(bitmap.GetPixel(x, y)))
                    {
                        counts[x]++;
                    }
                }
            }

            var threshold = counts.Max() / 2;
            var runs = new List<(int Start, int End, long Weight)>();
            for (var x = 0; x < counts.Length; x++)
            {
                if (counts[x] <= threshold || threshold == 0)
                {
                    continue;
                }

                var start = x;
                long weight = 0;
                while (x < counts.Length && counts[x] > threshold)
                {
                    weight += counts[x++];
                }

                runs.Add((start, x - 1, weight));
            }

            if (runs.Count < 2)
            {
                throw new InvalidOperationException($"Expected two probe features in the {variant} plot, found {runs.Count}.");
            }

            var pair = runs.OrderByDescending(r => r.Weight).Take(2).OrderBy(r => r.Start).ToArray();
            var x1 = (pair[0].Start + pair[0].End + 1) / 2.0;
            var x2 = (pair[1].Start + pair[1].End + 1) / 2.0;
            var t1 = FirstIndex / Rate;
            var t2 = SecondIndex / Rate;
            var pixelsPerSecond = (x2 - x1) / (t2 - t1);

            // The renderer's time axis runs to the last sample (waveform) or to the end of the window (spectrogram).
            var axisEnd = variant.Spectrogram ? Count / Rate : (Count - 1) / Rate;
            var left = x1 - t1 * pixelsPerSecond;
            var right = x1 + (axisEnd - t1) * pixelsPerSecond;

            // Vertically: from the first to the last long run of the feature in its fullest column (panels; not title text).
            var column = Enumerable.Range(pair[0].Start, pair[0].End - pair[0].Start + 1).MaxBy(x => counts[x]);
            var (top, bottom) = VerticalExtent(bitmap, column, isFeature);
            if (!(pixelsPerSecond > 0) || left < 0 || right > bitmap.Width + 1 || bottom <= top)
            {
                throw new InvalidOperationException($"Implausible data area measured for {variant}: x {left:F1}–{right:F1}, y {top}–{bottom}.");
            }

            return new PlotDataArea(left / bitmap.Width, right / bitmap.Width, top / (double)bitmap.Height, (bottom + 1) / (double)bitmap.Height);
        }

        private static (int Top, int Bottom) VerticalExtent(SKBitmap bitmap, int column, Func<SKColor, bool> isFeature)
        {
            var runs = new List<(int Start, int End)>();
            for (var y = 0; y < bitmap.Height; y++)
            {
                if (!isFeature(bitmap.GetPixel(column, y)))
                {
                    continue;
                }

                var start = y;
                while (y < bitmap.Height && isFeature(bitmap.GetPixel(column, y)))
                {
                    y++;
                }

                runs.Add((start, y - 1));
            }

            if (runs.Count == 0)
            {
                throw new InvalidOperationException("The probe feature has no vertical extent.");
            }

            var longest = runs.Max(r => r.End - r.Start + 1);
            var panels = runs.Where(r => r.End - r.Start + 1 >= longest / 5).ToList();
            return (panels[0].Start, panels[^1].End);
        }

        /// <summary>Zero except two zero-mean doublets (+A, −2A, +A), so that segment detrending stays symmetric.</summary>
        private static double[] Features()
        {
            var samples = new double[Count];
            foreach (var centre in new[] { FirstIndex, SecondIndex })
            {
                samples[centre - 1] = Amplitude;
                samples[centre] = -2 * Amplitude;
                samples[centre + 1] = Amplitude;
            }

            return samples;
        }
    }

    private async Task<SubjectMediaSettings?> LoadAsync(long subjectId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Subjects.AsNoTracking().Where(s => s.Id == subjectId)
            .Select(s => new SubjectMediaSettings(
                s.WaveformPath,
                s.Campaign!.Audio.BandLowHz,
                s.Campaign.Audio.BandHighHz,
                s.Campaign.Audio.SpeedUp,
                s.Campaign.Audio.Compression,
                s.Campaign.Plot.FixedAmplitudeLimit,
                s.Campaign.Plot.ShowHorizontalsByDefault,
                s.Campaign.Plot.FilterPlot))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private sealed record SubjectMediaSettings(
        string WaveformPath, double BandLowHz, double BandHighHz, double SpeedUp, bool Compression,
        double? FixedAmplitudeLimit, bool ShowHorizontals, bool FilterPlot);
}
