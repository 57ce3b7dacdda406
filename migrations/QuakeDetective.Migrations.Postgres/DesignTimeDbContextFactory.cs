using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Migrations.Postgres;

/// <summary>Used by `dotnet ef migrations add` only (no server is contacted); the running app configures the context itself.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<QuakeDbContext>
{
    public QuakeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<QuakeDbContext>()
            .UseNpgsql("Host=localhost;Database=quake_design;Username=quake", o => o.MigrationsAssembly(DatabaseProviders.PostgresMigrationsAssembly))
            .Options;
        return new QuakeDbContext(options);
    }
}
