using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// A campaign's subjects with their consensus (one method), gold label and current-model prediction, streamed
/// from the database in subject order: one query, rows read as they are written, nothing collected.
/// </summary>
public sealed class ConsensusExportSource
{
    private ConsensusExportSource(Campaign campaign, string method, int? modelId, string? modelName, int total)
    {
        Campaign = campaign;
        Method = method;
        ModelVersionId = modelId;
        ModelName = modelName;
        Total = total;
    }

    public Campaign Campaign { get; }

    public string Method { get; }

    public int? ModelVersionId { get; }

    /// <summary>Name of the model whose predictions are exported, or null.</summary>
    public string? ModelName { get; }

    /// <summary>Subjects of the campaign (the number of rows).</summary>
    public int Total { get; }

    public IReadOnlyList<string> Answers => Campaign.AnswerChoices;

    /// <exception cref="ArgumentException">Unknown method.</exception>
    public static async Task<ConsensusExportSource?> OpenAsync(QuakeDbContext db, int campaignId, string? method, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var chosen = string.IsNullOrWhiteSpace(method) ? campaign.PrimaryConsensusMethod : method.Trim().ToLowerInvariant();
        if (!AggregationMethods.All.Contains(chosen))
        {
            throw new ArgumentException($"Unknown consensus method '{method}'; expected one of: {string.Join(", ", AggregationMethods.All)}.", nameof(method));
        }

        var modelId = await CurrentModel.IdAsync(db, campaignId, cancellationToken);
        var modelName = modelId is null ? null : await db.ModelVersions.Where(m => m.Id == modelId).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
        var total = await db.Subjects.CountAsync(s => s.CampaignId == campaignId, cancellationToken);
        return new ConsensusExportSource(campaign, chosen, modelId, modelName, total);
    }

    /// <summary>The rows, in subject order. Enumerate once, with the context that opened the source still alive.</summary>
    public IAsyncEnumerable<ConsensusExportRow> RowsAsync(QuakeDbContext db, bool labelledOnly = false)
    {
        var campaignId = Campaign.Id;
        var method = Method;
        var modelId = ModelVersionId ?? -1;
        var subjects = db.Subjects.AsNoTracking().Where(s => s.CampaignId == campaignId);
        var query =
            from s in subjects
            join r in db.ConsensusResults.Where(r => r.Method == method) on s.Id equals r.SubjectId into rs
            from r in rs.DefaultIfEmpty()
            join g in db.GoldLabels on s.Id equals g.SubjectId into gs
            from g in gs.DefaultIfEmpty()
            join p in db.Predictions.Where(p => p.ModelVersionId == modelId) on s.Id equals p.SubjectId into ps
            from p in ps.DefaultIfEmpty()
            where !labelledOnly || r != null || g != null
            orderby s.Id
            select new ConsensusExportRow(
                s.Id,
                s.Station,
                s.Channels,
                s.WindowStart,
                s.WindowEnd,
                s.SampleRate,
                s.WaveformPath,
                s.Status,
                s.RetirementReason,
                s.RetiredAt,
                r == null ? null : r.Label,
                r == null ? null : r.Confidence,
                r == null ? null : r.Agreement,
                s.VoteCount,
                r != null && r.IsTie,
                r == null ? null : r.VotesPerAnswerJson,
                r == null ? null : r.ComputedAt,
                g == null ? null : g.Label,
                p == null ? null : p.Label,
                p == null ? null : p.Probability,
                s.EventId,
                s.EventOriginTime,
                s.EventMagnitude,
                s.EventDistanceKm,
                s.StationLatitude,
                s.StationLongitude);
        return query.AsAsyncEnumerable();
    }
}
