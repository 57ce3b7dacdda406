using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Demo;
using QuakeDetective.Tests;

namespace QuakeDetective.EndToEnd.Tests;

/// <summary>
/// The real site on Kestrel with a demo campaign shaped for the volunteer journey (2000 s windows, so the sound is
/// 5 s long; two gold subjects per class, so each class has a teaching example and a test subject), plus Chromium.
/// </summary>
public sealed class VolunteerBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public QuakeWebFactory Site { get; } = new(settings: new Dictionary<string, string?>
    {
        ["Demo:SubjectCount"] = "24",
        ["Demo:WindowSeconds"] = "2000",
        ["Demo:GoldPerClass"] = "2",
        ["Queue:RandomSeed"] = "17",
    });

    public IBrowser? Browser { get; private set; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string? UnavailableReason { get; private set; }

    /// <summary>Screenshots for people to look at: tests/QuakeDetective.EndToEnd.Tests/TestResults/screenshots.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public IDbContextFactory<QuakeDbContext> Db => Site.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

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

        // Make the journey deterministic: a newcomer's very first subject is a gold one, later ones never are.
        await using (var db = await Db.CreateDbContextAsync())
        {
            var demo = await db.Campaigns.SingleAsync(c => c.Name == DemoOptions.CampaignName);
            demo.Queue.GoldRateNewcomer = 1;
            demo.Queue.NewcomerClassifications = 1;
            demo.Queue.GoldRateExperienced = 0;
            demo.Queue.RandomShare = 0;
            await db.SaveChangesAsync();
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright, path);
    }

    public IBrowser RequireBrowser() => Chromium.Require(Browser, UnavailableReason);

    /// <summary>A fresh browser profile: a new anonymous volunteer.</summary>
    public async Task<IPage> NewVisitorAsync(int width = 1280, int height = 900, bool tutorialDone = false)
    {
        var context = await RequireBrowser().NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        if (tutorialDone)
        {
            await context.AddCookiesAsync([new Cookie { Name = "qd_tutorial", Value = "done", Domain = BaseAddress.Host, Path = "/" }]);
        }

        return await context.NewPageAsync();
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
