using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using QuakeDetective.Core.Data;

namespace QuakeDetective.EndToEnd.Tests;

public sealed class FirstVisitTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task NewVisitor_ClassifiesFromHomePage_VoteIsStored()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        var dbFactory = fixture.Site.GetRequiredService<IDbContextFactory<QuakeDbContext>>();
        int votesBefore;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            votesBefore = await db.Classifications.CountAsync();
        }

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start classifying" }).ClickAsync();
        await page.WaitForURLAsync("**/classify");

        var plot = page.Locator("img[data-testid=subject-plot]");
        await plot.WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img[data-testid=subject-plot]'); return i && i.complete && i.naturalWidth > 0; }");
        var duration = await page.WaitForFunctionAsync(
            "() => { const a = document.querySelector('audio[data-testid=subject-audio]'); return a && a.readyState >= 1 && isFinite(a.duration) && a.duration > 0 ? a.duration : null; }");
        var seconds = await duration.JsonValueAsync<double>();
        Assert.InRange(seconds, 1.4, 1.6); // 600 s demo window at 400×.

        // Wait until the interactive circuit is up before clicking (the first render is prerendered HTML).
        await page.Locator(".classify[data-interactive=true]").WaitForAsync();
        var firstSrc = await plot.GetAttributeAsync("src");
        await page.GetByRole(AriaRole.Button, new() { Name = "Earthquake" }).ClickAsync();
        await page.GetByTestId("session-count").Filter(new() { HasText = "1" }).WaitForAsync();
        var nextSrc = await page.Locator("img[data-testid=subject-plot]").GetAttributeAsync("src");
        Assert.NotEqual(firstSrc, nextSrc);

        // The site's own pages satisfy its content security policy (and nothing else went wrong in the console).
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(consoleErrors);

        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.Equal(votesBefore + 1, await check.Classifications.CountAsync());
        var vote = await check.Classifications.OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal("Earthquake", vote.Answer);
        Assert.Equal(firstSrc, $"media/subjects/{vote.SubjectId}/plot.png");
    }
}
