using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Data;

// A console is not a test project, so the Mvc.Testing targets do not tell WebApplicationFactory where the site's
// content root is; from bin/<configuration>/net10.0 it is five folders up, then src/QuakeDetective.Web.
[assembly: WebApplicationFactoryContentRoot("QuakeDetective.Web", "../../../../../src/QuakeDetective.Web", "QuakeDetective.Web.csproj", "1")]

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>
/// The site's own Program (found through a type of its assembly, since this console has a Program too) on a given data
/// folder and settings, in Production mode.
/// </summary>
internal sealed class BenchmarkSiteFactory(string dataFolder, IReadOnlyDictionary<string, string?> settings)
    : WebApplicationFactory<QuakeDetective.Web.Components.App>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataFolder", dataFolder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (string.Equals(Environment.GetEnvironmentVariable("QUAKE_BENCH_SQLITE_SYNC"), "NORMAL", StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine("  what-if: SQLite synchronous=NORMAL (QUAKE_BENCH_SQLITE_SYNC)");
            builder.ConfigureServices(services => services.ConfigureDbContext<QuakeDbContext>(o => o.AddInterceptors(new SynchronousNormalInterceptor())));
        }
    }
}
