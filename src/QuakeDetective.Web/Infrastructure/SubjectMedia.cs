using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Storage;
using QuakeDetective.Media.Audio;
using QuakeDetective.Media.Caching;
using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic;
using QuakeDetective.Web.Components.Shared;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>Plot and sound of a subject, rendered from its stored window with its campaign's settings, cached in the blob store.</summary>
public sealed class SubjectMedia(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WaveformStore waveforms,
    PlotRenderer plots,
    AudioRenderer audio,
    MediaCache cache)
{
    private const int MaxLayoutSizePx = 3000;

    public async Task<MediaCacheEntry?> GetPlotAsync(long subjectId, PlotRequest request, CancellationToken cancellationToken)
    {
        var subject = await LoadAsync(subjectId, cancellationToken);
        if (subject is null)
        {
            return null;
        }

        var width = ClampSize(request.Width ?? PlotSources.DefaultWidth);
        var height = ClampSize(request.Height ?? PlotSources.DefaultHeight);
        var settings = new PlotSettings
        {
            WidthPx = width,
            HeightPx = height,
            Scale = ClampScale(request.Scale, width, height),
            ShowHorizontals = request.Horizontals ?? subject.ShowHorizontals,
            FixedAmplitudeLimit = subject.FixedAmplitudeLimit,
            BandLowHz = subject.FilterPlot ? subject.BandLowHz : null,
            BandHighHz = subject.FilterPlot ? subject.BandHighHz : null,
            Kind = request.Spectrogram ? PlotKind.Spectrogram : PlotKind.Waveform,
        };
        var key = $"plot|{subject.WaveformPath}|{settings.CacheKey()}|v{PlotRenderer.FormatVersion}";
        return await cache.GetOrCreateAsync(key, "png", async ct =>
        {
            var traces = await waveforms.LoadAsync(subject.WaveformPath, ct);
            return plots.RenderPng(traces[0], settings.ShowHorizontals ? traces.Skip(1).ToList() : [], settings);
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
        return await cache.GetOrCreateAsync(key, "wav", async ct =>
        {
            var traces = await waveforms.LoadAsync(subject.WaveformPath, ct);
            return audio.RenderWav(traces[0], settings);
        }, cancellationToken);
    }

    /// <summary>
    /// Where the time axis lies in a plot of this variant, from the renderer's own layout code (the same for every
    /// pixel density, as fractions of the image).
    /// </summary>
    public static PlotDataArea GetDataArea(PlotVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return PlotRenderer.DataArea(new PlotSettings
        {
            WidthPx = ClampSize(variant.Width),
            HeightPx = ClampSize(variant.Height),
            ShowHorizontals = variant.Horizontals,
            Kind = variant.Spectrogram ? PlotKind.Spectrogram : PlotKind.Waveform,
        });
    }

    /// <summary>Device pixels per layout pixel the site renders: 1 to 3, and never an image beyond the renderer's limit.</summary>
    public static int ClampScale(int? scale, int width, int height) =>
        Math.Clamp(scale ?? 1, 1, Math.Max(1, Math.Min(PlotSettings.MaxScale, PlotSettings.MaxSizePx / Math.Max(width, height))));

    private static int ClampSize(int size) => Math.Clamp(size, PlotSettings.MinSizePx, MaxLayoutSizePx);

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
