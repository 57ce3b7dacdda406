using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Demo;

namespace QuakeDetective.Core.Data;

/// <summary>
/// Everything a first run needs: migrations, roles, the first administrator (configuration or a one-time setup
/// link), and the demo campaign. Idempotent; logs and rethrows so a broken start is loud.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<QuakeDbContext> dbFactory,
    IServiceScopeFactory scopes,
    DemoCampaignSeeder demo,
    IOptions<DatabaseOptions> database,
    IOptions<AdminBootstrapOptions> admin,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The setup token printed on this start, if any (tests read it instead of scraping the console).</summary>
    public string? SetupToken { get; private set; }

    /// <summary>Applies pending migrations (when configured) and switches SQLite to WAL. Safe to call repeatedly.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (database.Value.MigrateOnStartup)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {MigrationCount} migrations ({Provider})", pending.Count, database.Value.Provider);
                }

                await db.Database.MigrateAsync(cancellationToken);
            }

            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while a vote is written; the busy timeout comes from the connection string.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);

            await using (var scope = scopes.CreateAsyncScope())
            {
                var accounts = scope.ServiceProvider.GetRequiredService<AdminAccountService>();
                await accounts.EnsureRolesAsync();
                var configured = admin.Value;
                if (!string.IsNullOrWhiteSpace(configured.Email) && !string.IsNullOrWhiteSpace(configured.Password))
                {
                    var result = await accounts.CreateOrPromoteAsync(configured.Email, configured.Password);
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException($"Admin:Email/Admin:Password could not create the administrator: {result.Error}");
                    }

                    if (result.Created)
                    {
                        logger.LogInformation("Created administrator {AdminEmail} from configuration", configured.Email);
                    }
                }

                if (await accounts.AnyAdminAsync())
                {
                    accounts.DeleteSetupToken();
                }
                else
                {
                    SetupToken = accounts.CreateSetupToken();
                    logger.LogWarning(
                        "No administrator exists yet. Open /setup?token={SetupToken} on this site to create one " +
                        "(or run 'quake admin create', or set Admin:Email and Admin:Password). The link works once.",
                        SetupToken);
                }
            }

            await demo.SeedIfEmptyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogCritical(ex, "Database initialisation failed ({Provider})", database.Value.Provider);
            throw;
        }
    }
}
