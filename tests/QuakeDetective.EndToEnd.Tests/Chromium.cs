using Microsoft.Playwright;
using QuakeDetective.Tests;

namespace QuakeDetective.EndToEnd.Tests;

/// <summary>The Debian Chromium under Playwright, launched the same way by every browser fixture; never downloaded.</summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The executable to use (QUAKE_CHROMIUM overrides), or null with a reason when it is missing.</summary>
    public static string? Find(out string? unavailableReason)
    {
        var path = Environment.GetEnvironmentVariable("QUAKE_CHROMIUM") ?? DefaultPath;
        unavailableReason = File.Exists(path) ? null : $"Chromium not found at {path}: install the Debian package (apt-get install -y chromium).";
        return unavailableReason is null ? path : null;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string path) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });

    /// <summary>Skips with the reason, or fails when CI=true, if the browser is missing.</summary>
    public static IBrowser Require(IBrowser? browser, string? unavailableReason)
    {
        if (unavailableReason is not null)
        {
            if (SharedData.IsCi)
            {
                throw new InvalidOperationException(unavailableReason + " CI=true, so this is a failure, not a skip.");
            }

            Skip.If(true, unavailableReason);
        }

        return browser!;
    }
}
