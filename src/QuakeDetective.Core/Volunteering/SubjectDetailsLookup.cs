using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Volunteering;

/// <summary>Reads <see cref="SubjectDetails"/> by primary key, one short query per call.</summary>
public sealed class SubjectDetailsLookup(IDbContextFactory<QuakeDbContext> dbFactory)
{
    public async Task<SubjectDetails?> GetAsync(long subjectId, CancellationToken cancellationToken) =>
        (await GetManyAsync([subjectId], cancellationToken)).FirstOrDefault();

    /// <summary>Details of the given subjects that exist, in the order asked.</summary>
    public async Task<IReadOnlyList<SubjectDetails>> GetManyAsync(IReadOnlyCollection<long> subjectIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        if (subjectIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Subjects.AsNoTracking()
            .Where(s => subjectIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.CampaignId,
                CampaignName = s.Campaign!.Name,
                s.Station,
                s.Channels,
                s.WindowStart,
                s.WindowEnd,
                s.Campaign.Audio.SpeedUp,
                s.Campaign.Audio.BandLowHz,
                s.Campaign.Audio.BandHighHz,
                s.Campaign.Plot.FilterPlot,
                s.Campaign.Plot.ShowHorizontalsByDefault,
                s.Campaign.Plot.FixedAmplitudeLimit,
            })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id, r => new SubjectDetails(
            r.Id,
            r.CampaignId,
            r.CampaignName,
            r.Station,
            r.Channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            r.WindowStart,
            Math.Max((r.WindowEnd - r.WindowStart).TotalSeconds, 0),
            r.SpeedUp,
            r.BandLowHz,
            r.BandHighHz,
            r.FilterPlot,
            r.ShowHorizontalsByDefault,
            r.FixedAmplitudeLimit));
        return subjectIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }
}
