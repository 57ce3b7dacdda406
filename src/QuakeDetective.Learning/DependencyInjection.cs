using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Prediction;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning;

public static class DependencyInjection
{
    /// <summary>
    /// Features, training, the model registry and the background worker (training runs, prediction refreshes), with
    /// <see cref="LearningOptions"/> bound from "Learning". Needs AddQuakeData first (database, data folder).
    /// </summary>
    public static IHostApplicationBuilder AddQuakeLearning(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LearningOptions>().Bind(builder.Configuration.GetSection(LearningOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddQuakeLearningServices();
        builder.Services.AddHostedService<LearningWorker>();
        return builder;
    }

    /// <summary>The Learning services without the background worker (for the command line and tests).</summary>
    public static IServiceCollection AddQuakeLearningServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LearningOptions>();
        services.AddSingleton<FeatureExtractor>();
        services.AddSingleton<FeatureStore>();
        services.AddSingleton<ClassifierTrainer>();
        services.AddSingleton<TrainingDataLoader>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<TrainingPipeline>();
        services.AddSingleton<PredictionRefresher>();
        services.AddSingleton<TrainingNotifier>();
        services.AddSingleton<LearningService>();
        return services;
    }
}
