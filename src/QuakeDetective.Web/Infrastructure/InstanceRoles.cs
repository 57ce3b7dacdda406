using Microsoft.Extensions.Options;
using QuakeDetective.Core.Demo;
using QuakeDetective.Core.Jobs;
using QuakeDetective.Learning;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>The Instance:Role switch: which background workers run here, and whether pages and the API are served.</summary>
public static class InstanceRoles
{
    /// <summary>The role named by <paramref name="value"/> (case-insensitive; empty = all); an unknown name stops start-up.</summary>
    public static InstanceRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => InstanceRole.All,
        "web" => InstanceRole.Web,
        "worker" => InstanceRole.Worker,
        _ => throw new OptionsValidationException(nameof(InstanceOptions), typeof(InstanceOptions),
            [$"Instance:Role '{value}' is not supported. Use 'all' (default: pages, API and background work), 'web' (pages and API) or 'worker' (background work and /health)."]),
    };

    public static InstanceRole Of(IConfiguration configuration) =>
        Parse(configuration?[$"{InstanceOptions.SectionName}:{nameof(InstanceOptions.Role)}"]);

    /// <summary>True when this role runs the background workers.</summary>
    public static bool RunsWorkers(this InstanceRole role) => role != InstanceRole.Web;

    /// <summary>
    /// Applies the role to the services: a web instance runs no background workers (training included); a worker seeds
    /// no demo campaign (the web instances do, so that two kinds of process never race to create it).
    /// </summary>
    public static IHostApplicationBuilder AddQuakeInstanceRole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var role = Of(builder.Configuration);
        if (role == InstanceRole.Web)
        {
            builder.Services.PostConfigure<LearningOptions>(o => o.WorkerEnabled = false);
        }
        else if (role == InstanceRole.Worker)
        {
            builder.Services.PostConfigure<DemoOptions>(o => o.Enabled = false);
        }

        return builder;
    }

    /// <summary>On a worker instance, answers everything except /health with 404: it serves no pages and no API.</summary>
    public static IApplicationBuilder UseInstanceRole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Of(app.Configuration) != InstanceRole.Worker)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This instance runs background work only (Instance:Role=worker); pages and the API are served by the web instances.");
        });
    }
}
