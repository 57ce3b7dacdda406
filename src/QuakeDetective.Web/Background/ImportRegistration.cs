using QuakeDetective.Core.Import;

namespace QuakeDetective.Web.Background;

public static class ImportRegistration
{
    /// <summary>Import jobs for the admin pages: limits ("Import" section), the form handler, the job queue and its background worker.</summary>
    public static IHostApplicationBuilder AddQuakeImport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ImportUploadOptions>().Bind(builder.Configuration.GetSection(ImportUploadOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportRootFolders>();
        services.AddSingleton<ImportJobNotifier>();
        services.AddSingleton<ImportJobService>();
        services.AddSingleton<ImportReportStore>();
        services.AddSingleton<ImportJobViews>();
        services.AddScoped<ImportFormHandler>();
        if (Infrastructure.InstanceRoles.RunsWorkers(Infrastructure.InstanceRoles.Of(builder.Configuration)))
        {
            services.AddHostedService<ImportWorker>();
        }

        return builder;
    }
}
