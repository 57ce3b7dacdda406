using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuakeDetective.Media.Audio;
using QuakeDetective.Media.Caching;
using QuakeDetective.Media.Plotting;

namespace QuakeDetective.Media;

public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="AudioRenderer"/>, <see cref="PlotRenderer"/> and <see cref="MediaCache"/> as singletons,
    /// and <see cref="MediaOptions"/> validated at start-up. The host decides the cache folder, e.g.
    /// <c>services.Configure&lt;MediaOptions&gt;(o =&gt; o.CacheFolder = Path.Combine(dataFolder, "media"))</c>
    /// or by binding the "Media" configuration section.
    /// </summary>
    public static IServiceCollection AddQuakeMedia(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MediaOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AudioRenderer>();
        services.AddSingleton(sp => new PlotRenderer(sp.GetRequiredService<IOptions<MediaOptions>>().Value.FontFile));
        services.AddSingleton(sp => new MediaCache(sp.GetRequiredService<IOptions<MediaOptions>>().Value.CacheFolder));
        return services;
    }

    /// <summary>As <see cref="AddQuakeMedia(IServiceCollection)"/>, with the cache folder computed from the services (e.g. the data folder option).</summary>
    public static IServiceCollection AddQuakeMedia(this IServiceCollection services, Func<IServiceProvider, string> cacheFolder)
    {
        ArgumentNullException.ThrowIfNull(cacheFolder);
        services.AddQuakeMedia();
        services.AddOptions<MediaOptions>().Configure<IServiceProvider>((options, sp) => options.CacheFolder = cacheFolder(sp));
        return services;
    }
}
