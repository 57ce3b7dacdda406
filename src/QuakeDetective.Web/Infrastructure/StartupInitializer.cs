using QuakeDetective.Core.Data;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>Runs the database initializer before the site accepts requests.</summary>
public sealed class StartupInitializer(DatabaseInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
