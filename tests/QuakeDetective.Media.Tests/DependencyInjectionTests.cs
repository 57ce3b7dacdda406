using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuakeDetective.Media.Audio;
using QuakeDetective.Media.Caching;
using QuakeDetective.Media.Plotting;

namespace QuakeDetective.Media.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddQuakeMedia_WithCacheFolder_ResolvesSingletons()
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-media-di");
        using var provider = new ServiceCollection().AddQuakeMedia(_ => folder).BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<AudioRenderer>(), provider.GetRequiredService<AudioRenderer>());
        Assert.Same(provider.GetRequiredService<PlotRenderer>(), provider.GetRequiredService<PlotRenderer>());
        Assert.Equal(Path.GetFullPath(folder), provider.GetRequiredService<MediaCache>().Folder);
    }

    [Fact]
    public void AddQuakeMedia_ConfiguredByOptions_UsesThatFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-media-options");
        using var provider = new ServiceCollection()
            .AddQuakeMedia()
            .Configure<MediaOptions>(o => o.CacheFolder = folder)
            .BuildServiceProvider();

        Assert.Equal(Path.GetFullPath(folder), provider.GetRequiredService<MediaCache>().Folder);
    }

    [Fact]
    public void AddQuakeMedia_WithoutCacheFolder_FailsValidationWithAClearMessage()
    {
        using var provider = new ServiceCollection().AddQuakeMedia().BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MediaOptions>>().Value);

        Assert.Contains("Media:CacheFolder", ex.Message, StringComparison.Ordinal);
    }
}
