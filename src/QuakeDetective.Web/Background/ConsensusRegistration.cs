namespace QuakeDetective.Web.Background;

public static class ConsensusRegistration
{
    /// <summary>Background consensus recomputation (schedule and on demand) and site exports, with cancellation of their jobs; the workers only where Instance:Role runs them.</summary>
    public static IHostApplicationBuilder AddQuakeConsensus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<JobCancellations>();
        if (Infrastructure.InstanceRoles.RunsWorkers(Infrastructure.InstanceRoles.Of(builder.Configuration)))
        {
            builder.Services.AddHostedService<ConsensusRecomputeService>();
            builder.Services.AddHostedService<ExportJobService>();
        }

        return builder;
    }
}
