namespace QuakeDetective.Web.Background;

public static class ConsensusRegistration
{
    /// <summary>Background consensus recomputation (schedule and on demand) and site exports, with cancellation of their jobs.</summary>
    public static IHostApplicationBuilder AddQuakeConsensus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<JobCancellations>();
        builder.Services.AddHostedService<ConsensusRecomputeService>();
        builder.Services.AddHostedService<ExportJobService>();
        return builder;
    }
}
