using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Learning.Features;

/// <summary>
/// Subject features cached in the database per feature version (SubjectFeatures): cached vectors are read, the
/// missing ones computed in parallel from the stored windows and saved in batches.
/// </summary>
public sealed class FeatureStore(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WaveformStore waveforms,
    FeatureExtractor extractor,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<FeatureStore> logger)
{
    private const int QueryChunk = 500;
    private const int ComputeChunk = 256;

    /// <param name="progress">Share of subjects done (0..1).</param>
    public async Task<FeatureBatch> GetOrComputeAsync(IReadOnlyList<SubjectWaveform> subjects, Action<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var batch = new FeatureBatch();
        var version = extractor.Version;
        var missing = new List<SubjectWaveform>();
        foreach (var chunk in subjects.Chunk(QueryChunk))
        {
            var ids = chunk.Select(s => s.SubjectId).ToList();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var cached = await db.SubjectFeatures.AsNoTracking()
                .Where(f => f.FeatureVersion == version && ids.Contains(f.SubjectId))
                .Select(f => new { f.SubjectId, f.Values })
                .ToListAsync(cancellationToken);
            var found = new HashSet<long>();
            foreach (var row in cached)
            {
                if (FeatureCodec.Decode(row.Values, FeatureSchema.Count) is { } values)
                {
                    batch.Features[row.SubjectId] = values;
                    found.Add(row.SubjectId);
                }
            }

            missing.AddRange(chunk.Where(s => !found.Contains(s.SubjectId)));
        }

        batch.Cached = batch.Features.Count;
        var total = Math.Max(1, subjects.Count);
        progress?.Invoke(batch.Cached / (double)total);
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.Value.FeatureParallelism > 0 ? options.Value.FeatureParallelism : Environment.ProcessorCount,
        };
        foreach (var chunk in missing.Chunk(ComputeChunk))
        {
            var computed = new ConcurrentDictionary<long, float[]>();
            var failures = new ConcurrentDictionary<long, string>();
            Parallel.ForEach(chunk, parallel, subject =>
            {
                try
                {
                    computed[subject.SubjectId] = extractor.Extract(waveforms.Load(subject.WaveformPath));
                }
                catch (Exception ex) when (ex is IOException or SeismicFormatException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
                {
                    failures[subject.SubjectId] = ex.Message;
                }
            });

            await SaveAsync(computed, version, cancellationToken);
            foreach (var (id, values) in computed)
            {
                batch.Features[id] = values;
            }

            foreach (var (id, message) in failures)
            {
                batch.Failures[id] = message;
                logger.LogWarning("No features for subject {SubjectId}: {Reason}", id, message);
            }

            batch.Computed += computed.Count;
            progress?.Invoke((batch.Features.Count + batch.Failures.Count) / (double)total);
        }

        return batch;
    }

    private async Task SaveAsync(IReadOnlyDictionary<long, float[]> computed, string version, CancellationToken cancellationToken)
    {
        if (computed.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = computed.Keys.ToList();
        var already = (await db.SubjectFeatures.Where(f => f.FeatureVersion == version && ids.Contains(f.SubjectId))
            .Select(f => f.SubjectId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (id, values) in computed)
        {
            if (!already.Contains(id))
            {
                db.SubjectFeatures.Add(new SubjectFeatures { SubjectId = id, FeatureVersion = version, Values = FeatureCodec.Encode(values), ComputedAt = now });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another process cached some of the same subjects meanwhile (or a subject was deleted): the values in hand are still good.
            logger.LogWarning(ex, "Could not cache features for {SubjectCount} subjects", computed.Count);
        }
    }
}
