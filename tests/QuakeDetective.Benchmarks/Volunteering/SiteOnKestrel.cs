using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace QuakeDetective.Benchmarks.Volunteering;

/// <summary>The real site (Program) on Kestrel at a free loopback port, on its own SQLite data folder.</summary>
internal sealed class SiteOnKestrel : IAsyncDisposable
{
    private SiteOnKestrel(BenchmarkSiteFactory factory)
    {
        Factory = factory;
    }

    public BenchmarkSiteFactory Factory { get; }

    public Uri BaseAddress => Factory.ClientOptions.BaseAddress;

    public IServiceProvider Services => Factory.Services;

    public static SiteOnKestrel Start(string dataFolder, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };
        Directory.CreateDirectory(dataFolder);

        var factory = new BenchmarkSiteFactory(dataFolder, all);
        factory.UseKestrel(0);
        factory.StartServer();
        if (!IPAddress.IsLoopback(IPAddress.Parse(factory.ClientOptions.BaseAddress.Host == "localhost" ? "127.0.0.1" : factory.ClientOptions.BaseAddress.Host)))
        {
            throw new InvalidOperationException($"The benchmark site must listen on loopback only, not {factory.ClientOptions.BaseAddress}.");
        }

        return new SiteOnKestrel(factory);
    }

    /// <summary>A client with its own cookies: one anonymous volunteer.</summary>
    public HttpClient NewVolunteer() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, MaxConnectionsPerServer = 4 })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
