using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Expert votes: votes cast by an account with the Scientist or Admin role (Zooniverse's "expert" classifications).
/// They are stored and exported (flagged expert), but count neither towards retirement nor towards the crowd's
/// consensus — experts label subjects through gold labels instead.
/// </summary>
public static class ExpertVolunteers
{
    /// <summary>Ids of the volunteers whose account currently has an expert role (a subquery; compose it into queries).</summary>
    public static IQueryable<long> Ids(QuakeDbContext db) =>
        db.Volunteers
            .Where(v => v.UserId != null && db.UserRoles.Any(ur => ur.UserId == v.UserId &&
                db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Scientist || r.Name == Roles.Admin))))
            .Select(v => v.Id);

    public static Task<bool> IsExpertAsync(QuakeDbContext db, long volunteerId, CancellationToken cancellationToken) =>
        Ids(db).AnyAsync(id => id == volunteerId, cancellationToken);

    /// <summary>Counted (non-expert) votes of a campaign.</summary>
    public static IQueryable<Classification> CountedVotes(QuakeDbContext db) =>
        db.Classifications.Where(c => !Ids(db).Contains(c.VolunteerId));
}
