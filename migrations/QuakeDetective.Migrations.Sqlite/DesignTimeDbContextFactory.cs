using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Migrations.Sqlite;

/// <summary>Used by `dotnet ef migrations add` only; the running app configures the context itself.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<QuakeDbContext>
{
    public QuakeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<QuakeDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly))
            .Options;
        return new QuakeDbContext(options);
    }
}
