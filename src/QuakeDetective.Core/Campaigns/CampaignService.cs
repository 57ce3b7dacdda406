using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Campaigns;

/// <summary>
/// Creates campaigns and changes their settings for the admin editor. Settings are checked by
/// <see cref="CampaignSettingsValidator"/> against what the database holds (other names, the subjects' sampling
/// rates, votes per answer); invalid settings store nothing, valid ones are saved in one transaction, after which the
/// campaign's cached weighted prior is dropped and, when the model's vote was switched, consensus is recomputed.
/// </summary>
public sealed class CampaignService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WeightedPriorCache priors,
    ConsensusJobs consensusJobs,
    TimeProvider time,
    ILogger<CampaignService> logger)
{
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var subjects = await db.Subjects.GroupBy(s => s.CampaignId)
            .Select(g => new { CampaignId = g.Key, Count = g.Count(), Retired = g.Count(s => s.Status == SubjectStatus.Retired) })
            .ToDictionaryAsync(g => g.CampaignId, cancellationToken);
        var votes = await db.Classifications.GroupBy(c => c.Subject!.CampaignId)
            .Select(g => new { CampaignId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CampaignId, g => g.Count, cancellationToken);
        return campaigns.Select(c => new CampaignSummary(
                c.Id,
                c.Name,
                c.Status,
                c.IsDemo,
                subjects.TryGetValue(c.Id, out var s) ? s.Count : 0,
                subjects.TryGetValue(c.Id, out var r) ? r.Retired : 0,
                votes.GetValueOrDefault(c.Id),
                c.AnswerChoices,
                c.CreatedAt))
            .ToList();
    }

    /// <summary>The campaign's current settings, or null when it does not exist.</summary>
    public async Task<CampaignSettingsInput?> GetSettingsAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        return campaign is null ? null : CampaignSettingsInput.From(campaign);
    }

    /// <summary>What the database knows that the settings of <paramref name="campaignId"/> (null: a new campaign) must respect.</summary>
    public async Task<CampaignValidationContext> ValidationContextAsync(int? campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ValidationContextAsync(db, campaignId, cancellationToken);
    }

    /// <summary>Creates a campaign, or returns every problem and stores nothing.</summary>
    public async Task<CampaignSaveResult> CreateAsync(CampaignSettingsInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var errors = CampaignSettingsValidator.Validate(input, await ValidationContextAsync(db, null, cancellationToken));
        if (errors.Count > 0)
        {
            return CampaignSaveResult.Invalid(errors);
        }

        var campaign = new Campaign { Name = input.Name.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime };
        input.ApplyTo(campaign);
        db.Campaigns.Add(campaign);
        if (await SaveAsync(db, campaign.Name, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} {CampaignName} created by {UserId}", campaign.Id, campaign.Name, userId);
        return CampaignSaveResult.Ok(campaign.Id);
    }

    /// <summary>Changes a campaign's settings, or returns every problem and stores nothing.</summary>
    public async Task<CampaignSaveResult> UpdateAsync(int campaignId, CampaignSettingsInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool modelVoteChanged;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
            if (campaign is null)
            {
                return CampaignSaveResult.Invalid([new CampaignFieldError(string.Empty, $"Campaign {campaignId} does not exist (it may have been deleted); go back to the campaign list.")]);
            }

            var errors = CampaignSettingsValidator.Validate(input, await ValidationContextAsync(db, campaignId, cancellationToken));
            if (errors.Count > 0)
            {
                return CampaignSaveResult.Invalid(errors);
            }

            modelVoteChanged = campaign.ModelVoteEnabled != input.ModelVoteEnabled;
            input.ApplyTo(campaign);
            if (await SaveAsync(db, campaign.Name, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Campaign {CampaignId} settings changed by {UserId}", campaignId, userId);

        // The weighted prior is built from the answer choices and the model's vote.
        priors.Invalidate(campaignId);
        if (modelVoteChanged)
        {
            await consensusJobs.EnqueueAsync(campaignId, userId, "model vote switched", cancellationToken);
        }

        return CampaignSaveResult.Ok(campaignId);
    }

    private static async Task<CampaignSaveResult?> SaveAsync(QuakeDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // The unique index on the name: another admin saved a campaign of that name at the same moment.
            return CampaignSaveResult.Invalid([new CampaignFieldError(nameof(CampaignSettingsInput.Name), $"Another campaign is already called '{name}'; choose another name.")]);
        }
    }

    private static async Task<CampaignValidationContext> ValidationContextAsync(QuakeDbContext db, int? campaignId, CancellationToken cancellationToken)
    {
        var names = await db.Campaigns.Where(c => campaignId == null || c.Id != campaignId).Select(c => c.Name).ToListAsync(cancellationToken);
        if (campaignId is not int id)
        {
            return CampaignValidationContext.Empty with { OtherCampaignNames = names };
        }

        var rates = await db.Subjects.Where(s => s.CampaignId == id).Select(s => s.SampleRate).Distinct().ToListAsync(cancellationToken);
        var votes = await db.Classifications.Where(c => c.Subject!.CampaignId == id)
            .GroupBy(c => c.Answer).Select(g => new { Answer = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Answer, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var gold = await db.GoldLabels.Where(g => g.Subject!.CampaignId == id)
            .GroupBy(g => g.Label).Select(g => new { Label = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Label, g => g.Count, StringComparer.Ordinal, cancellationToken);
        return new CampaignValidationContext(names, rates, votes, gold);
    }
}
