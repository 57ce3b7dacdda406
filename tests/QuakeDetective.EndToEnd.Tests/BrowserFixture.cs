using Microsoft.Playwright;
using QuakeDetective.Tests;

namespace QuakeDetective.EndToEnd.Tests;

/// <summary>
/// The real site on Kestrel at a free localhost port plus the Debian Chromium driven by Playwright. Never downloads a
/// browser: without /usr/bin/chromium the tests skip (and fail when CI=true).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public QuakeWebFactory Site { get; } = new();

    public IBrowser? Browser { get; private set; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string? UnavailableReason { get; private set; }

    public async Task InitializeAsync()
    {
        var path = Chromium.Find(out var reason);
        if (path is null)
        {
            UnavailableReason = reason;
            return;
        }

        Site.UseKestrel(0);
        Site.StartServer();
        BaseAddress = Site.ClientOptions.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright, path);
    }

    /// <summary>Skips (or fails under CI=true) when the browser is missing.</summary>
    public IBrowser RequireBrowser() => Chromium.Require(Browser, UnavailableReason);

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
