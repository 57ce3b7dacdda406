using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace QuakeDetective.Core.Jobs;

public static class JobsRegistration
{
    /// <summary>Instance identity ("Instance"), job leases ("Jobs"), claims, the sweeper and named leases.</summary>
    public static IServiceCollection AddQuakeJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InstanceOptions>().Bind(configuration.GetSection(InstanceOptions.SectionName));
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<JobClaims>();
        services.AddSingleton<JobSweeper>();
        services.AddSingleton<InstanceLeases>();
        return services;
    }
}
