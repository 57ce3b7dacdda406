using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Media.Audio;
using QuakeDetective.Media.Caching;
using QuakeDetective.Media.Plotting;
using QuakeDetective.Web.Components.Pages.Classify;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Tests.Components;

/// <summary>bUnit with the services the volunteer components need: a fake backend, the real plot data areas, loose JS.</summary>
public abstract class ComponentTestContext : BunitContext
{
    private static readonly Lazy<SubjectMedia> SharedMedia = new(() => new SubjectMedia(
        null!, null!, new PlotRenderer(), new AudioRenderer(),
        new MediaCache(Path.Combine(Path.GetTempPath(), "quake-bunit-media")), NullLogger<SubjectMedia>.Instance));

    internal ComponentTestContext(FakeClassifyBackend? backend = null)
    {
        Backend = backend ?? new FakeClassifyBackend(11, 12, 13);
        Services.AddSingleton(SharedMedia.Value);
        Services.AddSingleton<IClassifyBackend>(Backend);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        JSInterop.Mode = JSRuntimeMode.Loose;
        Module = JSInterop.SetupModule("./js/classify.js");
    }

    internal FakeClassifyBackend Backend { get; }

    internal BunitJSModuleInterop Module { get; }
}
