using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>
/// What-if for the vote benchmark (QUAKE_BENCH_SQLITE_SYNC=NORMAL): WAL with synchronous=NORMAL, i.e. no fsync per
/// commit. Safe against a crash of the site, not of the machine (the last commits may be lost on power failure).
/// </summary>
internal sealed class SynchronousNormalInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
