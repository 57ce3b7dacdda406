using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Gold;

/// <summary>
/// Expert (gold) labels: set or removed one subject at a time from the subject page, or imported from a CSV
/// <c>subject_id,label[,explanation]</c>. Labels must be answers of the subject's campaign (matched ignoring case,
/// stored as the campaign spells them). A change of gold moves volunteer weights, so it drops the cached weighted
/// prior and queues a consensus recompute.
/// </summary>
public sealed class GoldService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WeightedPriorCache priors,
    ConsensusJobs consensusJobs,
    TimeProvider time,
    ILogger<GoldService> logger)
{
    public const int MaxExplanationLength = 2000;

    /// <summary>Problems listed at most; a file of 100,000 unknown subjects is answered with these and a count, not 100,000 lines.</summary>
    public const int MaxListedProblems = 1000;

    public static IReadOnlyList<string> RequiredColumns { get; } = ["subject_id", "label"];

    public static IReadOnlyList<string> OptionalColumns { get; } = ["explanation"];

    public async Task<GoldChangeResult> SetAsync(long subjectId, string label, string? explanation, string? expertUserId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await db.Subjects.AsNoTracking().Where(s => s.Id == subjectId)
            .Select(s => new { s.CampaignId, s.Campaign!.AnswerChoices }).FirstOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            return GoldChangeResult.Fail($"Subject {subjectId} does not exist.");
        }

        var canonical = Canonical(subject.AnswerChoices, label);
        if (canonical is null)
        {
            return GoldChangeResult.Fail($"'{label}' is not an answer of this campaign; choose one of: {string.Join(", ", subject.AnswerChoices)}.");
        }

        explanation = (explanation ?? "").Trim();
        if (explanation.Length > MaxExplanationLength)
        {
            return GoldChangeResult.Fail($"The explanation is {explanation.Length} characters long; at most {MaxExplanationLength} are kept.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.GoldLabels.FirstOrDefaultAsync(g => g.SubjectId == subjectId, cancellationToken);
        if (existing is null)
        {
            db.GoldLabels.Add(new GoldLabel { SubjectId = subjectId, Label = canonical, Explanation = explanation, ExpertUserId = expertUserId, CreatedAt = now });
        }
        else
        {
            existing.Label = canonical;
            existing.Explanation = explanation;
            existing.ExpertUserId = expertUserId;
            existing.CreatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two experts labelled the same subject at once; the other one's label stands and can be edited.
            return GoldChangeResult.Fail("Someone else labelled this subject at the same moment; reload the page to see their label.");
        }

        logger.LogInformation("Gold label {Label} set on subject {SubjectId} by {UserId}", canonical, subjectId, expertUserId);
        await ChangedAsync(subject.CampaignId, expertUserId, cancellationToken);
        return GoldChangeResult.Ok;
    }

    public async Task<bool> RemoveAsync(long subjectId, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaignId = await db.Subjects.Where(s => s.Id == subjectId).Select(s => (int?)s.CampaignId).FirstOrDefaultAsync(cancellationToken);
        var removed = await db.GoldLabels.Where(g => g.SubjectId == subjectId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0 && campaignId is int id)
        {
            logger.LogInformation("Gold label removed from subject {SubjectId} by {UserId}", subjectId, userId);
            await ChangedAsync(id, userId, cancellationToken);
        }

        return removed > 0;
    }

    /// <summary>
    /// Imports expert labels for one campaign. Every row is checked first (subject of this campaign, known answer, one
    /// label per subject); any problem, reported with its line, means nothing is stored. Then all rows go in one transaction.
    /// </summary>
    public async Task<GoldImportResult> ImportCsvAsync(int campaignId, TextReader reader, string? expertUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);

        // A StreamReader would replace bytes that are not UTF-8 with U+FFFD; decode its (unread, seekable) stream strictly
        // instead, so that a Latin-1 file is refused with the offset of its first bad byte.
        using var strict = reader is StreamReader { BaseStream.CanSeek: true } streamReader ? Strict(streamReader) : null;
        reader = strict ?? reader;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.AnswerChoices).FirstOrDefaultAsync(cancellationToken);
        if (answers is null)
        {
            return new GoldImportResult(false, 0, 0, 0, [new CsvProblem(0, $"campaign {campaignId} does not exist")]);
        }

        var problems = new List<CsvProblem>();
        var rows = new Dictionary<long, (string Label, string Explanation, int Line)>();
        var headerValid = CsvTable.Read(reader, RequiredColumns, problems, (line, values) =>
        {
            if (!long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var subjectId))
            {
                problems.Add(new CsvProblem(line, $"subject_id '{Shorten(values[0])}' is not a subject number"));
                return;
            }

            var label = Canonical(answers, values[1]);
            if (label is null)
            {
                problems.Add(new CsvProblem(line, $"label '{Shorten(values[1])}' is not an answer of this campaign (one of: {string.Join(", ", answers)})"));
                return;
            }

            if (values[2].Length > MaxExplanationLength)
            {
                problems.Add(new CsvProblem(line, $"the explanation is {values[2].Length} characters long; at most {MaxExplanationLength} allowed"));
                return;
            }

            if (rows.TryGetValue(subjectId, out var earlier))
            {
                if (!string.Equals(earlier.Label, label, StringComparison.Ordinal))
                {
                    problems.Add(new CsvProblem(line, $"subject {subjectId} already has label '{earlier.Label}' on line {earlier.Line}; give one label per subject"));
                }

                return;
            }

            rows.Add(subjectId, (label, values[2], line));
        }, cancellationToken, optionalColumns: OptionalColumns);

        if (!headerValid)
        {
            return new GoldImportResult(false, 0, 0, 0, Listed(problems));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new CsvProblem(2, "the file has a header but no rows"));
        }

        // Subjects must belong to this campaign.
        var known = new HashSet<long>();
        foreach (var chunk in rows.Keys.Chunk(1000))
        {
            known.UnionWith(await db.Subjects.Where(s => s.CampaignId == campaignId && chunk.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken));
        }

        foreach (var (subjectId, row) in rows.Where(r => !known.Contains(r.Key)).OrderBy(r => r.Value.Line))
        {
            problems.Add(new CsvProblem(row.Line, $"subject {subjectId} is not a subject of this campaign"));
        }

        if (problems.Count > 0)
        {
            return new GoldImportResult(false, 0, 0, 0, Listed([.. problems.OrderBy(p => p.Line)]));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        var updated = 0;
        var unchanged = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var chunk in rows.Keys.Chunk(1000))
            {
                var existing = await db.GoldLabels.Where(g => chunk.Contains(g.SubjectId)).ToDictionaryAsync(g => g.SubjectId, cancellationToken);
                foreach (var subjectId in chunk)
                {
                    var (label, explanation, _) = rows[subjectId];
                    if (!existing.TryGetValue(subjectId, out var gold))
                    {
                        db.GoldLabels.Add(new GoldLabel { SubjectId = subjectId, Label = label, Explanation = explanation, ExpertUserId = expertUserId, CreatedAt = now });
                        added++;
                    }
                    else if (gold.Label != label || (explanation.Length > 0 && gold.Explanation != explanation))
                    {
                        gold.Label = label;
                        gold.Explanation = explanation.Length > 0 ? explanation : gold.Explanation;
                        gold.ExpertUserId = expertUserId;
                        gold.CreatedAt = now;
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Imported gold labels into campaign {CampaignId}: {Added} added, {Updated} updated, {Unchanged} unchanged", campaignId, added, updated, unchanged);
        if (added + updated > 0)
        {
            await ChangedAsync(campaignId, expertUserId, cancellationToken);
        }

        return new GoldImportResult(true, added, updated, unchanged, []);
    }

    private async Task ChangedAsync(int campaignId, string? userId, CancellationToken cancellationToken)
    {
        priors.Invalidate(campaignId);
        await consensusJobs.EnqueueAsync(campaignId, userId, "gold labels changed", cancellationToken);
    }

    private static List<CsvProblem> Listed(List<CsvProblem> problems) =>
        problems.Count <= MaxListedProblems
            ? problems
            : [.. problems.Take(MaxListedProblems), new CsvProblem(0, $"… and {problems.Count - MaxListedProblems} more problems ({problems.Count} in all); fix these and import again")];

    private static StrictTextReader Strict(StreamReader reader)
    {
        reader.BaseStream.Position = 0;
        return new StrictTextReader(reader.BaseStream, leaveOpen: true);
    }

    /// <summary>A value quoted in a message, cut short so that a huge field cannot swamp the list of problems.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), $"… ({text.Length} characters)");

    private static string? Canonical(IReadOnlyList<string> answers, string label)
    {
        var trimmed = label.Trim();
        return answers.FirstOrDefault(a => string.Equals(a, trimmed, StringComparison.Ordinal))
               ?? answers.FirstOrDefault(a => string.Equals(a, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
