using Microsoft.Playwright;
using QuakeDetective.Tests;

namespace QuakeDetective.EndToEnd.Tests;

/// <summary>
/// The real site on Kestrel at a free localhost port plus the Debian Chromium driven by Playwright. Never downloads a
/// browser: without /usr/bin/chromium the tests skip (and fail when CI=true).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public QuakeWebFactory Site { get; } = new();

    public IBrowser? Browser { get; private set; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string? UnavailableReason { get; private set; }

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("QUAKE_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path))
        {
            UnavailableReason = $"Chromium not found at {path}: install the Debian package (apt-get install -y chromium).";
            return;
        }

        Site.UseKestrel(0);
        Site.StartServer();
        BaseAddress = Site.ClientOptions.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    /// <summary>Skips (or fails under CI=true) when the browser is missing.</summary>
    public IBrowser RequireBrowser()
    {
        if (UnavailableReason is not null)
        {
            if (SharedData.IsCi)
            {
                throw new InvalidOperationException(UnavailableReason + " CI=true, so this is a failure, not a skip.");
            }

            Skip.If(true, UnavailableReason);
        }

        return Browser!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}
