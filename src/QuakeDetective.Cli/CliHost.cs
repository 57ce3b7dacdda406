using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Cli;

/// <summary>
/// The services behind the database verbs: the same configuration keys and default data folder as the site
/// (environment variables such as Storage__DataFolder, Database__Provider), so both share one database.
/// </summary>
public static class CliHost
{
    public static async Task<IHost> StartAsync(string? dataFolder, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables();
        if (!string.IsNullOrWhiteSpace(dataFolder))
        {
            builder.Configuration["Storage:DataFolder"] = dataFolder;
        }

        builder.Logging.ClearProviders();
        builder.AddQuakeData();
        var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            host.Dispose();
            throw new CliUserException(ex.Message);
        }

        return host;
    }
}
