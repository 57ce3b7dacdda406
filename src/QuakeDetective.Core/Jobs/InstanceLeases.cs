using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Jobs;

/// <summary>
/// Named leases held by one instance at a time (e.g. who runs the consensus schedule): taken or renewed with a
/// conditional UPDATE (mine, or expired), created with an INSERT whose primary key settles a race between two
/// instances. The holder must renew before <c>duration</c> passes, or another instance takes over.
/// </summary>
public sealed class InstanceLeases(IDbContextFactory<QuakeDbContext> dbFactory, InstanceIdentity identity, TimeProvider time)
{
    /// <summary>Takes or renews the lease for <paramref name="duration"/>; false while another live instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        var me = identity.Owner;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.InstanceLeases.Where(l => l.Name == name && (l.Owner == me || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, me).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.InstanceLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.InstanceLeases.Add(new InstanceLease { Name = name, Owner = me, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the same name first: the primary key decided, and it holds the lease.
            return false;
        }
    }

    /// <summary>Gives the lease up (on shutdown) so that another instance can take it without waiting for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var me = identity.Owner;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InstanceLeases.Where(l => l.Name == name && l.Owner == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now.AddTicks(-1)), cancellationToken);
    }

    /// <summary>The current holder's owner string, or null when nobody holds it.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InstanceLeases.Where(l => l.Name == name && l.ExpiresAt >= now).Select(l => l.Owner).FirstOrDefaultAsync(cancellationToken);
    }
}
