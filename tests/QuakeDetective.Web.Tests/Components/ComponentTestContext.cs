using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Web.Components.Pages.Classify;

namespace QuakeDetective.Web.Tests.Components;

/// <summary>bUnit with the services the volunteer components need: a fake backend and loose JS (plot data areas come from the renderer's layout code).</summary>
public abstract class ComponentTestContext : BunitContext
{
    internal ComponentTestContext(FakeClassifyBackend? backend = null)
    {
        Backend = backend ?? new FakeClassifyBackend(11, 12, 13);
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
