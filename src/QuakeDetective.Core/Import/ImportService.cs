using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Seismic.Processing;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Import;

/// <summary>
/// Imports MiniSEED and SAC files into a campaign: reads them (in parallel), groups channels by station into
/// 3-component sets, cuts fixed or event windows, applies the campaign's preprocessing, stores each window as MiniSEED
/// and creates its subject. Files that hold the same recording (a station's Z, N, E day files) are imported together in
/// one transaction: waveform files are written first, then subjects and ImportedFile rows are committed at once, so a
/// crash leaves no half-imported file (at worst unreferenced waveform files, which a later import of the same data
/// overwrites under the same name). A file whose content was imported into the campaign before adds nothing.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WaveformStore waveforms,
    TimeProvider time,
    ILogger<ImportService> logger)
{
    /// <summary>Samples kept decoded between reading and cutting (512 MB as doubles); beyond it files are read twice.</summary>
    private const long RetainedSampleBudget = 64_000_000;

    private const double ReadingShare = 0.1;

    /// <summary>Test hook: runs after a unit's waveform files are written and before its transaction.</summary>
    internal Func<IReadOnlyList<Subject>, CancellationToken, Task>? AfterWaveformsWritten { get; set; }

    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var started = time.GetTimestamp();
        var scan = ImportFileScanner.Scan(request.Paths, request.AllowedRoot);
        var (campaign, created) = await GetOrCreateCampaignAsync(request, cancellationToken);
        var settings = ImportSettingsInUse.For(campaign, request);
        var run = new ImportRun(campaign, settings, request, scan.Files.Select((f, i) => new ImportFileEntry(i, f)).ToList(), progress, time);
        run.Notes.AddRange(scan.Notes);
        if (created)
        {
            logger.LogInformation("Created campaign {CampaignName} ({CampaignId}) for an import", campaign.Name, campaign.Id);
        }

        try
        {
            var reading = time.GetTimestamp();
            await ReadAllAsync(run, cancellationToken);
            logger.LogDebug("Read and hashed {FileCount} files in {ElapsedMs} ms", run.Entries.Count, (long)time.GetElapsedTime(reading).TotalMilliseconds);
            await MarkAlreadyImportedAsync(run, cancellationToken);
            var units = ImportUnits.Build(run.Entries.Where(e => e.Status is null).ToList());
            run.BytesToCut = units.Sum(u => u.Sum(e => e.SizeBytes));
            foreach (var unit in units)
            {
                cancellationToken.ThrowIfCancellationRequested();
                run.BeginUnit(unit.Sum(e => e.SizeBytes));
                await ImportUnitAsync(run, unit, cancellationToken);
                run.BytesCut += unit.Sum(e => e.SizeBytes);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            run.Cancelled = true;
            logger.LogInformation("Import into {CampaignName} cancelled", campaign.Name);
        }

        foreach (var entry in run.Entries.Where(e => e.Status is null))
        {
            entry.Status = ImportFileStatus.NotStarted;
        }

        if (run.EventsOutsideData > 0)
        {
            run.Notes.Add($"{run.EventsOutsideData} event/station pair(s) had their window outside the data and made no subject");
        }

        var result = new ImportResult
        {
            CampaignId = campaign.Id,
            CampaignName = campaign.Name,
            CampaignCreated = created,
            Settings = settings.Describe(),
            Files = run.Entries.Select(e => e.ToReport()).ToList(),
            SubjectsCreated = run.SubjectsCreated,
            WindowsAlreadyPresent = run.WindowsAlreadyPresent,
            SkippedWindows = run.SkippedWindows.Take(ImportResult.MaxListedSkippedWindows).ToList(),
            SkippedWindowCount = run.SkippedWindows.Count,
            Notes = run.Notes.ToList(),
            Cancelled = run.Cancelled,
            Elapsed = time.GetElapsedTime(started),
        };
        run.Report("done", force: true, fraction: 1.0);
        logger.LogInformation("Import into {CampaignName}: {Summary} in {ElapsedMs} ms", campaign.Name, result.Summary, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task<(Campaign Campaign, bool Created)> GetOrCreateCampaignAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var name = request.CampaignName.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }

        if (!request.CreateCampaignIfMissing)
        {
            throw new ImportRequestException($"There is no campaign '{name}'.");
        }

        var campaign = new Campaign
        {
            Name = name,
            Description = "Created by an import of waveform data.",
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Import = new ImportSettings { WindowSeconds = request.WindowSeconds ?? new ImportSettings().WindowSeconds, StepSeconds = request.StepSeconds },
        };
        db.Campaigns.Add(campaign);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (campaign, true);
        }
        catch (DbUpdateException)
        {
            // Another import created it at the same moment: use theirs.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return (await again.Campaigns.AsNoTracking().FirstAsync(c => c.Name == name, cancellationToken), false);
        }
    }

    private static async Task ReadAllAsync(ImportRun run, CancellationToken cancellationToken)
    {
        var retained = 0L;
        var done = 0;
        run.Report("reading files", force: true, fraction: 0);
        await Parallel.ForEachAsync(run.Entries, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                var read = await ReadEntryAsync(entry, run.Request.AcceptPartialFiles, ct);
                if (read is not null)
                {
                    var samples = read.Traces.Sum(t => (long)t.Count);
                    if (Interlocked.Add(ref retained, samples) <= RetainedSampleBudget)
                    {
                        entry.Read = read;
                    }
                    else
                    {
                        Interlocked.Add(ref retained, -samples);
                    }
                }

                var n = Interlocked.Increment(ref done);
                run.Report("reading files", currentFile: entry.File.DisplayName, fraction: ReadingShare * n / Math.Max(1, run.Entries.Count));
            });
    }

    /// <summary>Reads, hashes and checks one file; returns the decoded content when it can be imported, else sets its status.</summary>
    private static async Task<WaveformReadResult?> ReadEntryAsync(ImportFileEntry entry, bool acceptPartial, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(entry.File.FullPath, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            entry.Status = ImportFileStatus.Failed;
            entry.Problems.Add($"{entry.File.DisplayName}: could not be read: {ex.Message}");
            return null;
        }

        entry.SizeBytes = bytes.LongLength;
        entry.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var read = WaveformReader.ReadDetailed(bytes, entry.File.DisplayName);
        if (read.Traces.Count == 0 || (read.HasErrors && !acceptPartial))
        {
            entry.Status = ImportFileStatus.Failed;
            entry.ErrorByteOffset = read.Errors.Count > 0 ? read.Errors[0].ByteOffset : null;
            entry.Problems.AddRange(read.Errors.Select(e => e.Message));
            if (read.Errors.Count == 0)
            {
                entry.Problems.Add($"{entry.File.DisplayName}: holds no waveform samples (only {read.TextLogs.Count} text record(s))");
            }
            else if (read.Traces.Count > 0)
            {
                entry.Problems.Add($"{entry.File.DisplayName}: skipped because part of it is unreadable ({read.Traces.Sum(t => (long)t.Count)} samples were readable; import with partial files allowed to keep them)");
            }

            return null;
        }

        if (read.HasErrors)
        {
            entry.ErrorByteOffset = read.Errors[0].ByteOffset;
            entry.Problems.AddRange(read.Errors.Select(e => e.Message + " (the readable records were imported)"));
        }

        Describe(entry, read);
        return read;
    }

    private static void Describe(ImportFileEntry entry, WaveformReadResult read)
    {
        entry.Spans = read.Traces
            .GroupBy(t => t.Id.StationKey + "." + ComponentGrouper.Prefix(t.Id.Channel), StringComparer.Ordinal)
            .Select(g => new InstrumentSpan(g.Key, g.Min(t => t.StartTimeNs), g.Max(t => t.EndTimeNs + (long)Math.Round(1e9 / t.SampleRate))))
            .ToList();
        if (read.SacHeader is { Stla: { } lat, Stlo: { } lon } && read.Traces.Count > 0)
        {
            entry.SacCoordinates = new Dictionary<string, (double, double)> { [read.Traces[0].Id.StationKey] = (lat, lon) };
        }
    }

    private async Task MarkAlreadyImportedAsync(ImportRun run, CancellationToken cancellationToken)
    {
        var candidates = run.Entries.Where(e => e.Status is null && e.Sha256 is not null).ToList();
        var hashes = candidates.Select(e => e.Sha256!).Distinct().ToList();
        var known = new Dictionary<string, ImportedFile>(StringComparer.Ordinal);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var chunk in hashes.Chunk(500))
            {
                var rows = await db.ImportedFiles.AsNoTracking()
                    .Where(f => f.CampaignId == run.Campaign.Id && chunk.Contains(f.Sha256))
                    .ToListAsync(cancellationToken);
                foreach (var row in rows)
                {
                    known[row.Sha256] = row;
                }
            }
        }

        var firstByHash = new Dictionary<string, ImportFileEntry>(StringComparer.Ordinal);
        foreach (var entry in candidates)
        {
            if (known.TryGetValue(entry.Sha256!, out var before))
            {
                var recordedAs = run.Request.SourceLabel is { } label ? $"{label}:{entry.File.DisplayName}" : entry.File.FullPath;
                var where = before.Path == recordedAs ? "" : $" as {before.Path}";
                Skip(entry, $"{entry.File.DisplayName}: imported into this campaign before ({before.ImportedAt:yyyy-MM-dd HH:mm} UTC{where}); nothing added");
            }
            else if (!firstByHash.TryAdd(entry.Sha256!, entry))
            {
                Skip(entry, $"{entry.File.DisplayName}: same content as {firstByHash[entry.Sha256!].File.DisplayName}; nothing added");
            }
        }

        static void Skip(ImportFileEntry entry, string reason)
        {
            entry.Status = ImportFileStatus.AlreadyImported;
            entry.Read = null;
            entry.Problems.Add(reason);
        }
    }

    private async Task ImportUnitAsync(ImportRun run, List<ImportFileEntry> unit, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", unit.Select(e => e.File.DisplayName));
        run.Report("cutting windows", currentFile: names, force: true);
        var written = new ConcurrentBag<(string Key, string Path)>();
        try
        {
            var origin = await LoadUnitAsync(unit, cancellationToken);
            if (origin.Count == 0)
            {
                return;
            }

            var grouping = ComponentGrouper.Group(origin.Keys);
            var skippedBefore = run.SkippedWindows.Count;
            var planned = PlanWindows(run, unit, grouping.Sets);
            var candidates = await DropExistingAsync(run, planned, cancellationToken);
            var unitWindowsPresent = planned.Count - candidates.Count;
            var cutting = time.GetTimestamp();
            var outcomes = CutAndStore(run, candidates, origin, written, cancellationToken);
            logger.LogDebug("Cut, preprocessed and stored {WindowCount} windows of {Files} in {ElapsedMs} ms", candidates.Count, names, (long)time.GetElapsedTime(cutting).TotalMilliseconds);
            var subjects = outcomes.Where(o => o.Subject is not null).ToList();
            if (AfterWaveformsWritten is { } hook)
            {
                await hook(subjects.Select(o => o.Subject!).ToList(), cancellationToken);
            }

            var committing = time.GetTimestamp();
            var committed = await CommitAsync(run, unit, subjects, unitWindowsPresent > 0, cancellationToken);
            logger.LogDebug("Committed {SubjectCount} subjects of {Files} in {ElapsedMs} ms", committed.Count, names, (long)time.GetElapsedTime(committing).TotalMilliseconds);
            foreach (var outcome in committed)
            {
                foreach (var entry in outcome.Files)
                {
                    Interlocked.Increment(ref entry.SubjectCount);
                }
            }

            var reasons = grouping.Problems.Concat(run.SkippedWindows.Skip(skippedBefore).Select(w => w.Reason)).ToList();
            FinishStatuses(unit, reasons, committed.Count, unitWindowsPresent);
            if (committed.Count + unitWindowsPresent > 0)
            {
                // Otherwise the files' own lines already say it.
                run.Notes.AddRange(grouping.Problems);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DeleteUnreferencedAsync(run, written);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import of {Files} into {CampaignName} failed; nothing of it was stored", names, run.Campaign.Name);
            await DeleteUnreferencedAsync(run, written);
            foreach (var entry in unit.Where(e => e.Status is null))
            {
                entry.Status = ImportFileStatus.Failed;
                entry.Problems.Add($"{entry.File.DisplayName}: could not be stored, nothing of it was imported: {Flatten(ex).Message}");
            }
        }
        finally
        {
            foreach (var entry in unit)
            {
                entry.Read = null;
            }
        }
    }

    /// <summary>Decoded traces of a unit with the file each came from; files that changed since reading are failed.</summary>
    private static async Task<Dictionary<Trace, ImportFileEntry>> LoadUnitAsync(List<ImportFileEntry> unit, CancellationToken cancellationToken)
    {
        var origin = new Dictionary<Trace, ImportFileEntry>(ReferenceEqualityComparer.Instance);
        foreach (var entry in unit)
        {
            var read = entry.Read;
            if (read is null)
            {
                var hash = entry.Sha256;
                read = await ReadEntryAsync(entry, acceptPartial: true, cancellationToken);
                if (read is null || entry.Sha256 != hash)
                {
                    entry.Status = ImportFileStatus.Failed;
                    entry.Problems.Add($"{entry.File.DisplayName}: changed while it was being imported; import it again");
                    continue;
                }
            }

            foreach (var trace in read.Traces)
            {
                origin[trace] = entry;
            }
        }

        return origin;
    }

    private static List<PlannedWindow> PlanWindows(ImportRun run, List<ImportFileEntry> unit, IReadOnlyList<ComponentSet> sets)
    {
        var planned = new List<PlannedWindow>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var settings = run.Settings;
        foreach (var set in sets)
        {
            // The site band-passes every subject for sound (and plots): data too slow for the band cannot be shown.
            var outputRate = settings.Preprocessing.TargetSampleRate ?? set.SampleRate;
            var band = run.Campaign.Audio;
            if (band.BandHighHz >= outputRate / 2)
            {
                run.SkippedWindows.Add(new SkippedWindow(set.StationKey, null,
                    $"{set.StationKey}.{set.ChannelPrefix}? is sampled at {Hz(outputRate)} Hz, too slowly for the campaign's {Hz(band.BandLowHz)}–{Hz(band.BandHighHz)} Hz sound band " +
                    $"(it needs more than {Hz(2 * band.BandHighHz)} Hz): lower the campaign's band or import faster channels"));
                continue;
            }

            var coordinates = run.Coordinates(set, unit);
            IReadOnlyList<WindowSpec> windows;
            try
            {
                if (run.Request.Events is { } events)
                {
                    if (coordinates is null)
                    {
                        run.SkippedWindows.Add(new SkippedWindow(set.StationKey, null,
                            $"no coordinates for station {set.Network}.{set.Station}, so event windows cannot be placed: give a stations CSV (network,station,latitude,longitude) or SAC files with stla/stlo"));
                        continue;
                    }

                    var plan = WindowPlanner.ForEvents(set, events, coordinates.Value.Latitude, coordinates.Value.Longitude, settings.VelocityKmPerS, settings.WindowSeconds);
                    Interlocked.Add(ref run.EventsOutsideData, plan.EventsOutsideData);
                    windows = plan.Windows;
                }
                else
                {
                    windows = WindowPlanner.Fixed(set, settings.WindowSeconds, settings.StepSeconds);
                    if (windows.Count == 0)
                    {
                        var seconds = (set.EndNs - set.StartNs) / 1e9;
                        run.SkippedWindows.Add(new SkippedWindow(set.StationKey, set.Vertical[0].StartUtc,
                            $"{set.StationKey}.{set.ChannelPrefix}? holds {seconds.ToString("0.#", CultureInfo.InvariantCulture)} s of data, less than one {settings.WindowSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s window; import it with a shorter window"));
                    }
                }
            }
            catch (ArgumentOutOfRangeException ex)
            {
                run.SkippedWindows.Add(new SkippedWindow(set.StationKey, null, $"{set}: {FirstLine(ex.Message)}"));
                continue;
            }

            foreach (var window in windows)
            {
                var key = ImportKeys.For(set, window);
                if (keys.Add(key))
                {
                    planned.Add(new PlannedWindow(set, window, key, coordinates));
                }
            }
        }

        return planned;
    }

    private async Task<List<PlannedWindow>> DropExistingAsync(ImportRun run, List<PlannedWindow> planned, CancellationToken cancellationToken)
    {
        var existing = await ExistingKeysAsync(run.Campaign.Id, planned.Select(p => p.Key).ToList(), cancellationToken);
        Interlocked.Add(ref run.WindowsAlreadyPresent, existing.Count);
        return planned.Where(p => !existing.Contains(p.Key)).ToList();
    }

    private async Task<HashSet<string>> ExistingKeysAsync(int campaignId, List<string> keys, CancellationToken cancellationToken, QuakeDbContext? context = null)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var db = context ?? await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            foreach (var chunk in keys.Chunk(500))
            {
                existing.UnionWith(await db.Subjects.AsNoTracking()
                    .Where(s => s.CampaignId == campaignId && chunk.Contains(s.ImportKey))
                    .Select(s => s.ImportKey)
                    .ToListAsync(cancellationToken));
            }
        }
        finally
        {
            if (context is null)
            {
                await db.DisposeAsync();
            }
        }

        return existing;
    }

    /// <summary>Cuts, preprocesses and stores the windows in parallel; each outcome is a subject or a skipped window.</summary>
    private List<WindowOutcome> CutAndStore(ImportRun run, List<PlannedWindow> candidates, Dictionary<Trace, ImportFileEntry> origin,
        ConcurrentBag<(string Key, string Path)> written, CancellationToken cancellationToken)
    {
        var outcomes = new WindowOutcome[candidates.Count];
        var done = 0;
        var collection = "c" + run.Campaign.Id.ToString(CultureInfo.InvariantCulture);
        var now = time.GetUtcNow().UtcDateTime;
        // Each window file is flushed to disk: twice as many workers as cores keep the CPU busy during those waits.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, candidates.Count, parallel, i =>
        {
            var p = candidates[i];
            var cut = WindowCutter.Cut(p.Set, p.Window, run.Request.MinCoverage);
            if (cut.Skipped)
            {
                outcomes[i] = new WindowOutcome(null, [], new SkippedWindow(p.Set.StationKey, p.Window.StartUtc, $"{p.Set.StationKey}.{p.Set.ChannelPrefix}? {SeismicTime.Format(p.Window.StartNs)}: {cut.SkipReason}", p.Window.Event?.Id));
            }
            else
            {
                var processed = cut.Traces.Select(t => run.Preprocessor.Process(t)).ToList();
                var path = waveforms.Save(collection, p.Key, processed);
                written.Add((p.Key, path));
                var files = p.Set.Components.SelectMany(c => c)
                    .Where(t => t.StartTimeNs < p.Window.EndNs && t.EndTimeNs >= p.Window.StartNs)
                    .Select(t => origin[t]).Distinct().OrderBy(e => e.Index).ToList();
                var vertical = processed[0];
                outcomes[i] = new WindowOutcome(new Subject
                {
                    CampaignId = run.Campaign.Id,
                    Station = p.Set.StationKey,
                    Channels = string.Join(',', processed.Select(t => t.Id.Channel)),
                    WindowStart = p.Window.StartUtc,
                    WindowEnd = p.Window.EndUtc,
                    SampleRate = vertical.SampleRate,
                    WaveformPath = path,
                    SourceFile = Truncate(string.Join(", ", files.Select(e => e.File.DisplayName)), 1000),
                    ImportKey = p.Key,
                    EventId = p.Window.Event?.Id,
                    EventOriginTime = p.Window.Event?.OriginUtc,
                    EventMagnitude = p.Window.Event?.Magnitude,
                    EventDistanceKm = p.Window.DistanceKm is { } d ? Math.Round(d, 3) : null,
                    StationLatitude = p.Coordinates?.Latitude,
                    StationLongitude = p.Coordinates?.Longitude,
                    CreatedAt = now,
                }, files, null);
            }

            var n = Interlocked.Increment(ref done);
            run.ReportCutting(n, candidates.Count);
        });

        foreach (var skipped in outcomes.Where(o => o.Skipped is not null))
        {
            run.SkippedWindows.Add(skipped.Skipped!);
        }

        return outcomes.ToList();
    }

    /// <summary>Subjects and ImportedFile rows of a unit in one transaction; returns the outcomes whose subjects were stored.</summary>
    private async Task<List<WindowOutcome>> CommitAsync(ImportRun run, List<ImportFileEntry> unit, List<WindowOutcome> subjects, bool windowsAlreadyPresent,
        CancellationToken cancellationToken)
    {
        var files = unit.Where(e => e.Status is null).ToList();
        if (subjects.Count == 0 && !windowsAlreadyPresent)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Another import may have finished the same data since we looked.
        var hashes = files.Select(e => e.Sha256!).ToList();
        var imported = await db.ImportedFiles.Where(f => f.CampaignId == run.Campaign.Id && hashes.Contains(f.Sha256)).Select(f => f.Sha256).ToListAsync(cancellationToken);
        var present = await ExistingKeysAsync(run.Campaign.Id, subjects.Select(s => s.Subject!.ImportKey).ToList(), cancellationToken, db);
        var fresh = subjects.Where(s => !present.Contains(s.Subject!.ImportKey)).ToList();
        Interlocked.Add(ref run.WindowsAlreadyPresent, present.Count);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in files)
        {
            if (imported.Contains(entry.Sha256!))
            {
                entry.Status = ImportFileStatus.AlreadyImported;
                entry.Problems.Add($"{entry.File.DisplayName}: imported into this campaign by another import meanwhile; nothing added");
                continue;
            }

            db.ImportedFiles.Add(new ImportedFile
            {
                CampaignId = run.Campaign.Id,
                Path = Truncate(run.Request.SourceLabel is { } label ? $"{label}:{entry.File.DisplayName}" : entry.File.FullPath, 2000),
                Sha256 = entry.Sha256!,
                SizeBytes = entry.SizeBytes,
                SubjectCount = fresh.Count(s => s.Files.Contains(entry)),
                ImportedAt = now,
            });
        }

        db.Subjects.AddRange(fresh.Select(s => s.Subject!));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Interlocked.Add(ref run.SubjectsCreated, fresh.Count);
        return fresh;
    }

    private static void FinishStatuses(List<ImportFileEntry> unit, IReadOnlyList<string> reasons, int created, int present)
    {
        foreach (var entry in unit.Where(e => e.Status is null))
        {
            if (created > 0 || present > 0)
            {
                entry.Status = ImportFileStatus.Imported;
                continue;
            }

            entry.Status = ImportFileStatus.NoSubjects;
            var reason = reasons.Count > 0 ? reasons[0] : "no window fits the data";
            entry.Problems.Add($"{entry.File.DisplayName}: no subjects made: {reason}");
        }
    }

    private async Task DeleteUnreferencedAsync(ImportRun run, ConcurrentBag<(string Key, string Path)> written)
    {
        if (written.IsEmpty)
        {
            return;
        }

        try
        {
            var referenced = await ExistingKeysAsync(run.Campaign.Id, written.Select(w => w.Key).ToList(), CancellationToken.None);
            foreach (var (key, path) in written)
            {
                if (!referenced.Contains(key))
                {
                    waveforms.Delete(path);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DbUpdateException or InvalidOperationException)
        {
            // Unreferenced waveform files are harmless: a later import of the same data overwrites them.
            logger.LogWarning(ex, "Could not remove {Count} unreferenced waveform files", written.Count);
        }
    }

    private static string Hz(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static Exception Flatten(Exception ex) => ex is AggregateException { InnerExceptions.Count: > 0 } agg ? Flatten(agg.InnerExceptions[0]) : ex;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
